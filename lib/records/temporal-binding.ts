// Which Temporal the records belong to. A records database is the projection of one Temporal cluster's namespace:
// its outbox says which messages went out, its rows which complaints exist. Pointed at another Temporal (a dev
// server's store replaced, `npm run cluster` beside `npm start`, a namespace recreated), it would take that one's
// complaints for its own. So the first worker or web app to open it binds it to the cluster (its ID, from
// GetClusterInfo) and the namespace (its ID, from DescribeNamespace) it connected to, and every later one is
// refused if it connected elsewhere, until staff adopt the records for the new one (`complaint records adopt`),
// which is logged.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordsDatabase } from './schema';

export interface TemporalIdentity {
  clusterId: string;
  clusterName: string;
  namespace: string;
  namespaceId: string;
}

/** What this needs of a Temporal connection's WorkflowService (a Client's or a NativeConnection's). */
export interface TemporalService {
  getClusterInfo(request: object): Promise<{ clusterId?: string | null; clusterName?: string | null }>;
  describeNamespace(request: {
    namespace: string;
  }): Promise<{ namespaceInfo?: { id?: string | null; name?: string | null } | null }>;
}

/** The cluster and namespace a connection reaches. */
export async function identifyTemporal(
  service: TemporalService,
  namespace: string,
): Promise<TemporalIdentity> {
  const [cluster, described] = await Promise.all([
    // A service that does not let a namespace's key ask for its cluster (a hosted one) leaves the namespace's
    // ID, a UUID no other namespace shares, to tell it apart.
    service.getClusterInfo({}).catch((err: unknown) => {
      if (isRefusal(err)) return { clusterId: '', clusterName: '' };
      throw err;
    }),
    service.describeNamespace({ namespace }),
  ]);
  return {
    clusterId: cluster.clusterId ?? '',
    clusterName: cluster.clusterName ?? '',
    namespace: described.namespaceInfo?.name ?? namespace,
    namespaceId: described.namespaceInfo?.id ?? '',
  };
}

/** gRPC's PERMISSION_DENIED (7) and UNIMPLEMENTED (12): the server will not say, rather than could not. */
function isRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 7 || code === 12;
}

/** `cluster active (31e4…), namespace default (01a2…)`: names for people, IDs for certainty. */
export function describeTemporal(t: TemporalIdentity): string {
  return `cluster ${t.clusterName || '(unnamed)'} (ID ${t.clusterId || 'none'}), namespace ${t.namespace} (ID ${t.namespaceId || 'none'})`;
}

/** The same Temporal: the same cluster and namespace, by ID (names repeat: every dev server's cluster is "active"). */
export function sameTemporal(a: TemporalIdentity, b: TemporalIdentity): boolean {
  return a.clusterId === b.clusterId && a.namespaceId === b.namespaceId;
}

/** A records database opened by a process connected to a Temporal it does not belong to. */
export class RecordsBindingError extends Error {
  override name = 'RecordsBindingError';

  constructor(
    readonly records: TemporalIdentity,
    readonly connected: TemporalIdentity,
  ) {
    super(
      `the records database (DATABASE_URL) belongs to Temporal ${describeTemporal(records)}, but this process ` +
        `connected to Temporal ${describeTemporal(connected)}. Its complaints and its outbox are the other ` +
        `Temporal's: a new complaint here could find its notice taken as sent. Either point DATABASE_URL at a ` +
        `fresh records database for this Temporal, or, if this Temporal now holds these complaints (a restore, a ` +
        `move to a cluster, a recreated namespace), adopt the records for it: ` +
        '`complaint records adopt --yes` with the same TEMPORAL_* and DATABASE_URL settings.',
    );
  }
}

/** The Temporal the records belong to, or null while no worker or web app has opened them. */
export async function recordsBinding(db: Kysely<RecordsDatabase>): Promise<TemporalIdentity | null> {
  const row = await db.selectFrom('temporal_binding').selectAll().where('id', '=', 1).executeTakeFirst();
  return row
    ? {
        clusterId: row.cluster_id,
        clusterName: row.cluster_name,
        namespace: row.namespace,
        namespaceId: row.namespace_id,
      }
    : null;
}

/**
 * Binds the records to `connected` if they belong to no Temporal yet (the first worker or web app to open them),
 * or checks that they belong to it: refused (RecordsBindingError, naming both) if not.
 */
export async function bindRecords(
  db: Kysely<RecordsDatabase>,
  connected: TemporalIdentity,
  now: () => Date = () => new Date(),
): Promise<{ bound: TemporalIdentity; boundNow: boolean }> {
  // Several processes may open fresh records at once: the first row written wins, the others check against it.
  const inserted = await db
    .insertInto('temporal_binding')
    .values({
      id: 1,
      cluster_id: connected.clusterId,
      cluster_name: connected.clusterName,
      namespace: connected.namespace,
      namespace_id: connected.namespaceId,
      bound_at: now().toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  const bound = (await recordsBinding(db))!;
  if (!sameTemporal(bound, connected)) throw new RecordsBindingError(bound, connected);
  return { bound, boundNow: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
}

export interface Adoption {
  /** What the records belonged to before (null: nothing yet). */
  from: TemporalIdentity | null;
  to: TemporalIdentity;
  /** False when they already belonged to `to`: nothing was written. */
  adopted: boolean;
  at: string;
}

/**
 * Staff's decision that the records now belong to `to` (`complaint records adopt`): the binding is rewritten and
 * the adoption logged (when, by whom, from what, to what), in one transaction. Their complaints stay theirs: a new
 * complaint under one of their workflow IDs has an identity, and rows, of its own (complaint-identity.ts).
 */
export async function adoptRecords(
  db: Kysely<RecordsDatabase>,
  to: TemporalIdentity,
  by?: string,
  now: () => Date = () => new Date(),
): Promise<Adoption> {
  const at = now().toISOString();
  return db.transaction().execute(async (trx) => {
    const from = await recordsBinding(trx);
    if (from && sameTemporal(from, to)) return { from, to, adopted: false, at };
    const binding = {
      cluster_id: to.clusterId,
      cluster_name: to.clusterName,
      namespace: to.namespace,
      namespace_id: to.namespaceId,
      bound_at: at,
    };
    await trx
      .insertInto('temporal_binding')
      .values({ id: 1, ...binding })
      .onConflict((oc) => oc.column('id').doUpdateSet(binding))
      .execute();
    await trx
      .insertInto('temporal_adoptions')
      .values({
        adoption_id: randomUUID(),
        adopted_at: at,
        adopted_by: by ?? null,
        from_cluster_id: from?.clusterId ?? null,
        from_cluster_name: from?.clusterName ?? null,
        from_namespace: from?.namespace ?? null,
        from_namespace_id: from?.namespaceId ?? null,
        to_cluster_id: to.clusterId,
        to_cluster_name: to.clusterName,
        to_namespace: to.namespace,
        to_namespace_id: to.namespaceId,
      })
      .execute();
    return { from, to, adopted: true, at };
  });
}

/** The adoptions logged, oldest first. */
export async function adoptions(db: Kysely<RecordsDatabase>) {
  return db.selectFrom('temporal_adoptions').selectAll().orderBy('adopted_at').execute();
}

/** bindRecords for the Temporal a connection reaches: what a worker, the web app and `reproject` do at start. */
export async function bindRecordsTo(
  db: Kysely<RecordsDatabase>,
  service: TemporalService,
  namespace: string,
): Promise<{ bound: TemporalIdentity; boundNow: boolean }> {
  return bindRecords(db, await identifyTemporal(service, namespace));
}
