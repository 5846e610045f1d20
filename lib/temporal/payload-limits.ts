// How big a payload may be. Temporal warns at 512 KiB and refuses 2 MiB; every payload's bytes are copied into
// the complaint's history, whose 50 MB it must never fill. So no payload of the project reaches 512 KiB: one
// larger than the threshold travels by reference (claim-check-codec.ts).

/** Temporal's warning limit: no payload of the project may reach it. */
export const PAYLOAD_LIMIT_BYTES = 512 * 1024;
/** The default threshold above which a payload goes by reference (LARGE_PAYLOAD_THRESHOLD). */
export const DEFAULT_CLAIM_THRESHOLD_BYTES = 128 * 1024;
