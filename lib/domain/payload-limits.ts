// How big a payload may be. Temporal warns at 512 KiB and refuses 2 MiB; every payload's bytes are copied into
// the complaint's history, whose 50 MB it must never fill. So no payload of the project reaches 512 KiB: one
// larger than the threshold travels by reference (claim-check-codec.ts).

/** Temporal's warning limit: no payload of the project may reach it. */
export const PAYLOAD_LIMIT_BYTES = 512 * 1024;
/**
 * The default threshold above which a payload goes by reference (LARGE_PAYLOAD_THRESHOLD). Low enough that one
 * workflow task scheduling a send to each of 50 respondents stays far under gRPC's 4 MiB (50 x 32 KiB), and that
 * the largest complaint's history grows by references, not by its texts; high enough that an ordinary complaint's
 * payloads (a few KB) never go by reference.
 */
export const DEFAULT_CLAIM_THRESHOLD_BYTES = 32 * 1024;
