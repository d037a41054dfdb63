import { describe, expect, it } from '@jest/globals';
import { buildFleet, fleetExitCode, unreachableDigest, type ClusterDigest } from '../../src/fleet/model.js';
import { fleetHtml } from '../../src/fleet/html.js';
import { fleetTable } from '../../src/fleet/table.js';

const digest = (cluster: string, score: number, failing: string[], sections: [string, number][], exitCode = 0): ClusterDigest => ({
  cluster,
  state: 'complete',
  exitCode,
  score,
  profiles: [{ id: 'cis-1.12', score }],
  failing: failing.length,
  notAssessed: 0,
  failingControls: failing.map((id) => ({ profile: 'cis-1.12', id, title: `control ${id}`, severity: id === '5.1.1' ? 'high' : 'medium' })),
  sections: sections.map(([id, s]) => ({ profile: 'cis-1.12', id, title: `section ${id}`, score: s })),
});

describe('buildFleet', () => {
  const a = digest(
    'a',
    80,
    ['5.1.1', '5.2.2'],
    [
      ['5.1', 50],
      ['5.2', 100],
    ],
  );
  const b = digest(
    'b',
    60,
    ['5.2.2'],
    [
      ['5.1', 90],
      ['5.2', 70],
    ],
  );
  const c = digest(
    'c',
    95,
    ['5.1.1', '5.2.2', '5.3.2'],
    [
      ['5.1', 40],
      ['5.2', 100],
    ],
  );
  const down = unreachableDigest('down', 'cannot reach the API server: connection refused', 3);
  const fleet = buildFleet([down, a, b, c]);

  it('orders clusters worst first, unreachable last, and counts states', () => {
    expect(fleet.clusters.map((d) => d.cluster)).toEqual(['b', 'a', 'c', 'down']);
    expect(fleet.counts).toEqual({ clusters: 4, complete: 3, partial: 0, unreachable: 1 });
  });

  it('ranks controls by the clusters they fail in, then severity', () => {
    expect(fleet.failingControls.map((f) => [f.id, f.clusters])).toEqual([
      ['5.2.2', ['a', 'b', 'c']],
      ['5.1.1', ['a', 'c']],
      ['5.3.2', ['c']],
    ]);
  });

  it('lists the worst clusters per section, below 100 only', () => {
    expect(fleet.worstBySection).toEqual([
      {
        profile: 'cis-1.12',
        section: '5.1',
        title: 'section 5.1',
        worst: [
          { cluster: 'c', score: 40 },
          { cluster: 'a', score: 50 },
          { cluster: 'b', score: 90 },
        ],
      },
      { profile: 'cis-1.12', section: '5.2', title: 'section 5.2', worst: [{ cluster: 'b', score: 70 }] },
    ]);
  });

  it('aggregates exit codes: 4 > 2 > 3 (unless allowed) > 1 > 0', () => {
    const one = digest('x', 1, [], [], 1);
    expect(fleetExitCode([a, b])).toBe(0);
    expect(fleetExitCode([a, one])).toBe(1);
    expect(fleetExitCode([one, down])).toBe(3);
    expect(fleetExitCode([one, down], true)).toBe(1);
    expect(fleetExitCode([down, { ...a, exitCode: 2 }])).toBe(2);
    expect(
      fleetExitCode([
        { ...a, exitCode: 2 },
        { ...b, exitCode: 4 },
      ]),
    ).toBe(4);
  });
});

describe('fleet renderers', () => {
  // Cluster names come from kubeconfigs and reports: markup and terminal controls must not pass.
  const evil = digest('<img src=x onerror=alert(1)>\u001b[31m', 10, ['5.1.1'], [['5.1', 10]]);
  const fleet = buildFleet([evil]);

  it('escapes every string in the HTML page, which loads nothing', () => {
    const html = fleetHtml(fleet);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<link|https?:/);
  });

  it('keeps control characters off the terminal', () => {
    const table = fleetTable(fleet);
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')[0]).toBe('kaudit fleet: 1 cluster, 1 complete, 0 partly read, 0 unreachable');
  });
});
