import { describe, expect, it } from '@jest/globals';
import { cli } from '../support/live.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: legacy}]
`;

describe('table report', () => {
  it('lists failing controls, their findings with evidence, unassessed controls by reason, and the score', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaudit-table-')), 'm.yaml');
    writeFileSync(file, manifests);
    const run = await cli(['scan', '--manifests', file, '-f', 'table', '--checks', 'rbac-cluster-admin-binding,netpol-namespace-coverage,apiserver-profiling']);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('kaudit 0.1.0 — manifests — cis-1.12');
    expect(run.out).toMatch(/│ cis-1.12 5.1.1\s+│ fail\s+│ high\s+│ cluster-admin only used where required\s+│ 0\/1/);
    expect(run.out).toMatch(/│ 5.1.1\s+│ ClusterRoleBinding\s+│ ServiceAccount legacy\/default is bound to\s+│ roleRef/);
    expect(run.out).toContain('│ legacy-admin ');
    expect(run.out).toContain('Not assessed (1): no kube-apiserver static pod visible in kube-system — 1.2.15');
    expect(lines.find((l) => l.startsWith('Score:'))).toBe('Score: 0   Controls: 2 fail, 1 not-assessed   Failing findings: 1 high, 1 medium');
  });

  it('is the default on a terminal; JSON stays the default for pipes and files', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaudit-table-')), 'm.yaml');
    writeFileSync(file, manifests);
    const args = ['scan', '--manifests', file, '--checks', 'netpol-namespace-coverage'];
    expect((await cli(args, { isTTY: true })).out).toMatch(/^kaudit 0.1.0 — manifests — cis-1.12\n/);
    expect(JSON.parse((await cli(args, { isTTY: false })).out).reportVersion).toBe(1);
    expect(JSON.parse((await cli([...args, '-f', 'json'], { isTTY: true })).out).reportVersion).toBe(1);
  });

  it('strips control characters from cluster strings: no escape sequence reaches the terminal', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaudit-table-')), 'm.yaml');
    writeFileSync(file, manifests.replace('name: default, namespace: legacy', 'name: "evil\\e[2J\\e[31m\\rred\\x9b1m\\u202e", namespace: legacy'));
    const run = await cli(['scan', '--manifests', file, '-f', 'table', '--checks', 'rbac-cluster-admin-binding']);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(run.out).toContain('│ ServiceAccount legacy/evil[2J[31m red1m is bound │');
  });
});

