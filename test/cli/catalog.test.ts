import { describe, expect, it } from '@jest/globals';
import { cli } from '../support/live.js';

describe('kaudit checks / benchmarks', () => {
  it('lists every check with severity, title and the controls using it', async () => {
    const run = await cli(['checks']);
    expect(run.code).toBe(0);
    const row = run.out.split('\n').find((l) => l.includes('rbac-cluster-admin-binding'));
    expect(row).toMatch(/rbac-cluster-admin-binding\s+│ high\s+│ cluster-admin is bound only where required\s+│ cis-1.12 5.1.1/);
  });

  it('explains one check: description, controls, remediation and a failing example', async () => {
    const run = await cli(['checks', 'explain', 'netpol-namespace-coverage']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('netpol-namespace-coverage (medium): Every namespace has a NetworkPolicy\n');
    expect(run.out).toContain('Controls: cis-1.12 5.3.2, kaudit-hardening KH-7.2\n');
    expect(run.out).toContain('Remediation:\nAdd a default-deny NetworkPolicy');
    expect(run.out).toContain('Failing example:\napiVersion: v1\nkind: Namespace');
    expect((await cli(['checks', 'explain'])).err).toBe('kaudit: checks explain: name a check id (see `kaudit checks`)\n');
  });

  it('lists the profiles with their control counts and default versions', async () => {
    const run = await cli(['benchmarks']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/cis-1.12\s+│ CIS Kubernetes Benchmark\s+│ 1.12.0\s+│ 131\s+│ \d+\s+│ \d+\s+│ 1.32, 1.33, 1.34/);
  });
});
