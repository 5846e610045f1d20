// The workflow's clock: Date in workflow code is the deterministic workflow time, never the machine's.
import { condition } from '@temporalio/workflow';

export const nowIso = (): string => new Date(Date.now()).toISOString();

/** Waits until `instant` or until `changed()` holds; true when it was the change. */
export async function waitUntil(instant: string, changed: () => boolean): Promise<boolean> {
  const ms = Date.parse(instant) - Date.now();
  if (changed()) return true;
  if (ms <= 0) return false;
  return condition(changed, ms);
}
