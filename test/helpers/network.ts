// Free loopback ports for servers a test starts, so tests never collide with each other or with `npm start`.
import { freePort, isListening } from '../../lib/dev/free-port';

export { freePort, isListening };

export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
