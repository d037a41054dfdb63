/** --node-report files fill the gaps of the nodes they report, and only those. */
import { describe, expect, it } from '@jest/globals';
import { emptyInventory } from '../../src/core/inventory.js';
import { withNodeReports } from '../../src/pipeline/source.js';
import { controlPlaneReport } from '../support/node-reports.js';

describe('withNodeReports', () => {
  it("removes the gap of a node a file reports; keeps other nodes' gaps and gaps that name no node", () => {
    const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-12-07T00:00:00Z' });
    const gap = (node?: string) => ({
      key: 'nodeReports' as const,
      kind: 'Pod',
      status: 404,
      reason: 'no agent log',
      ...(node ? { node } : {}),
    });
    inv.coverage = [gap('cp-1'), gap('cp-2'), gap(), { key: 'pods', kind: 'Pod', status: 403, reason: 'Forbidden' }];
    const merged = withNodeReports(inv, [controlPlaneReport('cp-1')]);
    expect(merged.nodeReports.map((r) => r.node)).toEqual(['cp-1']);
    expect(merged.coverage.map((c) => [c.key, c.node])).toEqual([
      ['nodeReports', 'cp-2'],
      ['nodeReports', undefined],
      ['pods', undefined],
    ]);
    expect(merged.collected).toContain('nodeReports');
  });
});
