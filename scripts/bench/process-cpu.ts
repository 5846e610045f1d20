// CPU time of processes on this machine, read from /proc: the Temporal server's share of the work. A server can be
// several processes (a cluster's frontend, history, matching and worker services, and PostgreSQL, whose backends
// are children of its postmaster), so a named process counts with everything it has forked.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Stat {
  ppid: number;
  /** utime + stime: the process's own CPU, every thread. */
  own: number;
  /** cutime + cstime: its children that ended and were waited for (a PostgreSQL backend that closed). */
  children: number;
  comm: string;
}

function statOf(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
      comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
    };
  } catch {
    return undefined; // no such process, or it ended meanwhile
  }
}

function allStats(): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  return stats;
}

export const processExists = (pid: number) => statOf(pid) !== undefined;

/** User + system CPU seconds of process `pid` alone, or 0 once it has ended. */
export function processCpuSeconds(pid: number): number {
  return (statOf(pid)?.own ?? 0) / TICKS;
}

/**
 * User + system CPU seconds of the processes `pids` and all their descendants, living or ended: a child's time
 * moves into its parent's cutime when it ends, so a difference of two readings loses nothing.
 */
export function processTreeCpuSeconds(pids: readonly number[]): number {
  const stats = allStats();
  const counted = new Set<number>();
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 0 && hops < 64; hops++) {
      if (pids.includes(p)) return true;
      p = stats.get(p)?.ppid;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) {
    if (!inTree(pid) || counted.has(pid)) continue;
    counted.add(pid);
    ticks += stat.own + stat.children;
  }
  return ticks / TICKS;
}

/** The child of this process running the Temporal CLI (the dev server), if there is one. */
export function devServerPid(): number | undefined {
  for (const [pid, stat] of allStats()) if (stat.ppid === process.pid && stat.comm === 'temporal') return pid;
  return undefined;
}
