// Which Temporal a connection reaches. A hosted service may refuse GetClusterInfo to a namespace's key; the
// namespace's ID then tells it apart. No server here refuses that call, so the refusal is staged by a stand-in
// for the one method (the real dev server's answers are in test/integration/records-identity.test.ts).
import { identifyTemporal, sameTemporal, type TemporalService } from '../../lib/records/temporal-binding';

const namespace = (id: string) => ({ namespaceInfo: { id, name: 'default' } });
const refusing = (code: number, id: string): TemporalService => ({
  getClusterInfo: () => Promise.reject(Object.assign(new Error('refused'), { code })),
  describeNamespace: () => Promise.resolve(namespace(id)),
});

test('a service that refuses to name its cluster is known by its namespace ID; any other failure stops', async () => {
  const a = await identifyTemporal(refusing(7, 'ns-a'), 'default');
  expect(a).toEqual({ clusterId: '', clusterName: '', namespace: 'default', namespaceId: 'ns-a' });
  expect(sameTemporal(a, await identifyTemporal(refusing(12, 'ns-a'), 'default'))).toBe(true);
  expect(sameTemporal(a, await identifyTemporal(refusing(7, 'ns-b'), 'default'))).toBe(false);
  await expect(identifyTemporal(refusing(14, 'ns-a'), 'default')).rejects.toThrow('refused');
});
