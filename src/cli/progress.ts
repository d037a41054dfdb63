/**
 * Progress on stderr while a live scan or snapshot runs: one line rewritten in place (carriage
 * return, erase line), at most every PROGRESS_INTERVAL_MS, and erased when the work ends, so nothing
 * is left between the report and the summary line. Only for a terminal: a pipe or a CI log gets none.
 */
import { terminalLine } from '../core/terminal-text.js';

export const PROGRESS_INTERVAL_MS = 100;

export interface Progress {
  /** What is happening now; shown when the last line is old enough, or at once with `force`. */
  update(text: string, force?: boolean): void;
  /** Erases the line. */
  done(): void;
}

export const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

export function terminalProgress(write: (text: string) => void, columns: number, now: () => number = Date.now): Progress {
  let last = -Infinity;
  let shown = false;
  return {
    update(text, force = false) {
      const t = now();
      if (!force && t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      shown = true;
      // One line that fits: a wrapped line could not be rewritten with \r.
      write(`\r\x1b[2Kkaudit: ${terminalLine(text).slice(0, Math.max(10, columns - 9))}`);
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** Counts of what the collector has read so far, as one progress line. */
export class ReadTally {
  private readonly kinds = new Map<string, { objects: number; pages: number }>();
  private configz = { done: 0, of: 0 };

  page(kind: string, objects: number): void {
    const k = this.kinds.get(kind) ?? { objects: 0, pages: 0 };
    k.objects += objects;
    k.pages++;
    this.kinds.set(kind, k);
  }

  kubelet(done: number, of: number): void {
    this.configz = { done, of };
  }

  line(): string {
    const pages = [...this.kinds.values()].reduce((n, k) => n + k.pages, 0);
    const kinds = [...this.kinds]
      .sort((a, b) => b[1].objects - a[1].objects)
      .map(([kind, k]) => `${kind} ${k.objects.toLocaleString('en-US')}`);
    const configz = this.configz.of ? `; kubelet configz ${this.configz.done}/${this.configz.of}` : '';
    return `reading the cluster: ${pages} ${pages === 1 ? 'page' : 'pages'}; ${kinds.join(', ')}${configz}`;
  }
}
