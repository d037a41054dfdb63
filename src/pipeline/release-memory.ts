/**
 * One full garbage collection at the moment it pays: when a large Inventory has just become garbage.
 *
 * V8 collects the old generation when the heap reaches a limit set from the live size at the last
 * collection, and during evaluation that live size holds the whole Inventory. Writing a report then
 * fills the heap up to that limit with its own garbage before V8 looks again, and the process keeps
 * the Inventory's memory plus the report's (at 150,000 pods the heap grew to about 930 MiB while the
 * JSON report was written, with about 220 MiB live). Collecting once, as evaluation ends, gives the
 * Inventory's memory back first.
 *
 * `gc()` is exposed the way jest's leak detector does it: the flag set at run time is seen by a new
 * context, whose global `gc` collects the whole heap of the process. If that ever fails, nothing is
 * collected and the scan goes on as V8 schedules it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined | null = null;

export function releaseMemory(): void {
  if (collect === null) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      collect = typeof fn === 'function' ? (fn as () => void) : undefined;
    } catch {
      collect = undefined;
    }
  }
  collect?.();
}
