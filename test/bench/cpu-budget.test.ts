import { describe, expect, it } from '@jest/globals';
import { cpuBudget, processCpuMs } from '../../bench/cpu-budget.js';

describe('cpuBudget', () => {
  it('compares the scan with what the cores leave at the target, and the one-thread margin', () => {
    // 20,000 pods on 2 cores (bench/README.md, sixth pass): floor 2,043 ms, scan 4,421 ms using 5,555 CPU ms, server 1,230.
    const b = cpuBudget({ cores: 2, target: 1.3, floorMs: 2043, scanMs: 4421, scanCpuMs: 5555, scanServerCpuMs: 1230 });
    expect(b).toEqual({ targetMs: 2656, cpuLeftMs: 4082, cpuOverBudget: 1.36, beyondFloorBudgetMs: 613, beyondFloorMs: 2378 });
  });

  it('says a scan that fits is within budget', () => {
    const b = cpuBudget({ cores: 4, target: 1.3, floorMs: 1000, scanMs: 1200, scanCpuMs: 2000, scanServerCpuMs: 1000 });
    expect(b.cpuLeftMs).toBe(4200);
    expect(b.cpuOverBudget).toBe(0.48);
    expect(b.beyondFloorMs).toBeLessThanOrEqual(b.beyondFloorBudgetMs);
  });
});

describe('processCpuMs', () => {
  const linux = process.platform === 'linux';
  (linux ? it : it.skip)('reads a live process CPU time, which grows with work', () => {
    const before = processCpuMs(process.pid);
    expect(typeof before).toBe('number');
    const until = Date.now() + 120;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(before!);
  });

  it('is undefined for a process that does not exist', () => {
    expect(processCpuMs(2 ** 30)).toBeUndefined();
  });
});
