/**
 * Line numbers for a stream read in pieces: remembers where lines start only from the document
 * being read onwards, so a 200 MB input does not keep millions of offsets (yaml's LineCounter does).
 */
export class LineStarts {
  private starts: number[] = [];
  /** Lines before starts[0]. */
  private dropped = 0;

  add(offset: number): void {
    const last = this.starts.at(-1);
    if (last !== undefined && last >= offset) return;
    this.starts.push(offset);
  }

  /** 1-based line of a character offset (an offset before the remembered lines counts as their first). */
  lineAt(offset: number): number {
    return this.dropped + Math.max(1, this.countUpTo(offset));
  }

  /** Forgets the lines that end before `offset`. */
  forget(offset: number): void {
    const keepFrom = Math.max(0, this.countUpTo(offset) - 1);
    this.starts = this.starts.slice(keepFrom);
    this.dropped += keepFrom;
  }

  /** How many remembered lines start at or before `offset` (binary search). */
  private countUpTo(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] ?? Infinity) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
