/**
 * What the ratio target leaves on this machine, from measured CPU time rather than wall time.
 *
 * The floor and the scan share the machine with the bench server, which spends CPU serving every
 * page. At the target, the scan's wall time is `target × floor`; in that time the machine's cores
 * give at most `cores × target × floor` core-ms, of which the server takes its share. Whatever the
 * scan's design (one thread, or work spread over every core), its own CPU must fit what is left.
 * And a scan on one thread (JavaScript evaluates on one) must also fit its work beyond the floor's
 * parse into `(target − 1) × floor` ms of wall time.
 */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux); undefined elsewhere or when it is gone. */
export function processCpuMs(pid: number, ticksPerSecond = 100): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
    // utime field 14, stime field 15 (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

export interface BudgetInput {
  cores: number;
  target: number;
  floorMs: number;
  /** The scan's wall time, its process CPU (every thread: the main one and V8's GC helpers) and the server's CPU over the same run. */
  scanMs: number;
  scanCpuMs: number;
  scanServerCpuMs: number;
}

export interface Budget {
  /** Wall time the scan may take at the target. */
  targetMs: number;
  /** Core-ms the machine gives in that time, less what the server spent serving the scan. */
  cpuLeftMs: number;
  /** The scan's CPU now over what is left: above 1, no spreading of today's work over the cores meets the target. */
  cpuOverBudget: number;
  /** Wall time one thread may spend beyond the floor's work, and what the scan spends now. */
  beyondFloorBudgetMs: number;
  beyondFloorMs: number;
}

export function cpuBudget(b: BudgetInput): Budget {
  const targetMs = b.target * b.floorMs;
  const cpuLeftMs = b.cores * targetMs - b.scanServerCpuMs;
  const round = (n: number): number => Math.round(n);
  return {
    targetMs: round(targetMs),
    cpuLeftMs: round(cpuLeftMs),
    cpuOverBudget: Math.round((b.scanCpuMs / cpuLeftMs) * 100) / 100,
    beyondFloorBudgetMs: round((b.target - 1) * b.floorMs),
    beyondFloorMs: round(b.scanMs - b.floorMs),
  };
}
