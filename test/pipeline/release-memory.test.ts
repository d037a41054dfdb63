import { describe, expect, it } from '@jest/globals';
import { releaseMemory } from '../../src/pipeline/release-memory.js';

describe('releaseMemory', () => {
  it('collects what nothing holds any more', async () => {
    let held: { payload: number[] } | undefined = { payload: Array.from({ length: 100_000 }, (_, i) => i) };
    const ref = new WeakRef(held);
    held = undefined;
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    releaseMemory();
    expect(ref.deref()).toBeUndefined();
    expect(held).toBeUndefined();
  });
});
