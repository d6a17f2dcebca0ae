import fs from 'node:fs';
import path from 'node:path';

// CPU time (user + system, ms) of processes from /proc (Linux): a server process, and an embedded
// PostgreSQL (its postmaster, its live backends, and the backends that already exited). Taken
// before and after a load phase, the difference divided by the requests served says what one
// request costs in CPU, whatever else the machine is doing at the time.

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function stat(pid: number): string[] | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may contain spaces: fields start after the closing parenthesis
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (+ cutime + cstime with `children`), ms. Fields 14–17 of /proc/pid/stat. */
export function processCpuMs(pid: number, children = false): number {
  const f = stat(pid);
  if (!f) return 0;
  const n = (i: number) => Number(f[i - 3]);
  return (n(14) + n(15) + (children ? n(16) + n(17) : 0)) * TICK_MS;
}

/** The postmaster of a PostgreSQL data directory, with every process it started. */
export function postgresCpuMs(pgDataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = processCpuMs(pid, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(Number(entry));
    if (f && Number(f[1]) === pid) total += processCpuMs(Number(entry));
  }
  return total;
}
