/**
 * Per-node coverage of the node-host controls: a control fails when any reported node in its scope
 * fails, passes only when every node in its scope reported and passed, and is otherwise not-assessed
 * naming the nodes without a (usable) report, the first few in full and the rest counted. A node
 * whose agent log could not be read (a coverage entry naming it) is one such node, and only for the
 * controls whose scope holds it: a worker's stale log does not touch the control-plane controls.
 */
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../../src/pipeline/registry.js';
import type { CoverageEntry, Inventory } from '../../src/core/inventory.js';
import type { ControlResult } from '../../src/core/result.js';
import { runScan } from '../../src/engine/scan.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { controlPlaneReport, editFiles, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';
import type { NodeReport } from '../../src/core/node-report.js';

const workers = (n: number): string =>
  Array.from({ length: n }, (_, i) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: w-${i + 1}}\n`).join('');
const stale = (node: string): CoverageEntry => ({
  key: 'nodeReports',
  kind: 'Pod',
  node,
  status: null,
  reason: `the last report of node agent pod kaudit-node/agent-${node} is from 2026-11-01T00:00:00.000Z, older than --node-report-max-age (24h)`,
});

function scan(yaml: string, reports: NodeReport[], coverage: CoverageEntry[] = []): (id: string) => ControlResult {
  const { inventory } = inventoryFromManifests([{ name: 'inline', text: yaml }]);
  withReports(...reports)(inventory);
  (inventory as Inventory).coverage.push(...coverage);
  const profiles = loadProfiles().filter((p) => p.id === 'cis-1.12');
  const result = runScan({
    inventory,
    profiles,
    registry: loadCatalog().checks,
    startedAt: new Date(0),
    now: new Date(0),
    toolVersion: 'test',
  });
  return (id) => result.controls.find((c) => c.id === id)!;
}

const looseKubeletConfig = (r: NodeReport): NodeReport => editFiles(r, 'kubelet-config', { mode: '0666' });

describe('node-host controls: coverage per node', () => {
  it('fail: one reported node fails, even though other nodes have no usable report', () => {
    const control = scan(NODES_YAML + workers(3), [controlPlaneReport(), looseKubeletConfig(workerReport())], [stale('w-1')]);
    const c = control('4.1.9');
    expect(c.status).toBe('fail');
    expect(c.findings.map((f) => `${f.resource.name} ${f.path} ${f.observed}`)).toEqual(['worker-1 /var/lib/kubelet/config.yaml 0666']);
  });

  it("pass: every node in scope reported and passed; a worker's unreadable log does not touch control-plane controls", () => {
    const control = scan(NODES_YAML, [controlPlaneReport()], [stale('worker-1')]);
    // 1.1.1 (control plane): cp-1 is the only node labelled control plane, and it passed.
    expect(control('1.1.1')).toMatchObject({ status: 'pass', objects: { judged: 1, passed: 1 } });
    // 4.1.9 (every node): worker-1's log was stale.
    expect(control('4.1.9')).toMatchObject({ status: 'not-assessed', reason: `node worker-1: ${stale('worker-1').reason}` });
  });

  it('not-assessed: names the nodes without a report, the first few and a count of the rest', () => {
    const control = scan(NODES_YAML + workers(8), [controlPlaneReport(), workerReport()], [stale('w-2')]);
    expect(control('4.1.9')).toMatchObject({
      status: 'not-assessed',
      reason: `node w-2: ${stale('w-2').reason}; no node report for node w-1; no node report for node w-3; no node report for node w-4; no node report for node w-5; … and 3 more`,
    });
    expect(control('1.1.1').status).toBe('pass');
  });

  it('a coverage entry naming no node (the agent pods could not be listed) still keeps every node-host control from passing', () => {
    const control = scan(
      NODES_YAML,
      [controlPlaneReport(), workerReport()],
      [
        {
          key: 'nodeReports',
          kind: 'Pod',
          namespace: 'kaudit-node',
          status: 403,
          reason: 'node agent pods could not be listed: Forbidden',
        },
      ],
    );
    expect(control('1.1.1').status).toBe('not-assessed');
    expect(control('1.1.1').reason).toContain('node agent pods could not be listed: Forbidden');
  });

  it('without control-plane labels, a node whose report was not read may be a control plane: control-plane controls are not passed', () => {
    const unlabelled = 'apiVersion: v1\nkind: Node\nmetadata: {name: cp-1}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n-2}\n';
    const control = scan(unlabelled, [controlPlaneReport()], [stale('n-2')]);
    expect(control('1.1.1')).toMatchObject({ status: 'not-assessed', reason: `node n-2: ${stale('n-2').reason}` });
  });
});
