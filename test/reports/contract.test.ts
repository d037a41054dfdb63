/**
 * The renderer contract: each format is a lazy sequence of text chunks, a pure function of the
 * ScanResult. The JSON report is JSON.stringify's text one finding at a time; HTML and table show
 * at most FINDINGS_SHOWN findings per control and say how many more the JSON report holds, so their
 * chunks do not grow with the number of findings.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../src/core/result.js';
import { FINDINGS_SHOWN, RENDERERS } from '../../reports/index.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

/** A real scan of `n` namespaces without NetworkPolicy: CIS 5.3.2 fails with one finding per namespace. */
async function scanOf(n: number): Promise<ScanResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'kaudit-contract-')), 'm.yaml');
  writeFileSync(
    file,
    Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: team-${String(i).padStart(3, '0')}}\n`).join(
      '---\n',
    ),
  );
  const run = await cli(['scan', '--manifests', file, '--checks', 'netpol-namespace-coverage', '-f', 'json']);
  expect(run.code).toBe(0);
  return validReport<ScanResult>(run.out);
}

let small: ScanResult;
let large: ScanResult;
let larger: ScanResult;
beforeAll(async () => {
  [small, large, larger] = await Promise.all([scanOf(3), scanOf(FINDINGS_SHOWN + 70), scanOf(FINDINGS_SHOWN + 700)]);
});
const failing = (r: ScanResult) => r.controls.find((c) => c.id === '5.3.2')!;

describe('renderer contract', () => {
  it('is a pure function of the ScanResult, produced lazily in several chunks', () => {
    for (const format of Object.keys(RENDERERS) as (keyof typeof RENDERERS)[]) {
      const r = RENDERERS[format];
      const first = [...r.chunks(large)];
      expect(first.length).toBeGreaterThan(2);
      expect([...r.chunks(large)]).toEqual(first);
      expect(r.render(large)).toBe(first.join(''));
      // Lazy: asking for the first chunk does not render the rest.
      const it = r.chunks(large)[Symbol.iterator]();
      expect(it.next().value).toBe(first[0]);
    }
  });

  it('json: the text of JSON.stringify(result, null, 2), one finding per chunk', () => {
    expect(failing(larger).findings).toHaveLength(FINDINGS_SHOWN + 700);
    const chunks = [...RENDERERS.json.chunks(larger)];
    expect(chunks.join('')).toBe(JSON.stringify(larger, null, 2) + '\n');
    const findingChunks = chunks.filter((c) => c.startsWith('{\n          "checkId"'));
    expect(findingChunks).toHaveLength(FINDINGS_SHOWN + 700);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2000);
  });

  it('html: the first findings of a control, then how many more, with exact counts', () => {
    const html = RENDERERS.html.render(large);
    const section = html.slice(html.indexOf('id="a-cis-1.12-5.3.2"'), html.indexOf('</details>', html.indexOf('id="a-cis-1.12-5.3.2"')));
    expect(section.match(/<tr class="finding /g)).toHaveLength(FINDINGS_SHOWN);
    expect(section).toContain('namespace team-049 has no NetworkPolicy');
    expect(section).not.toContain('team-050');
    expect(section).toContain(
      `<p class="muted more">… and 70 more findings of this control: see the JSON report (<code>--format json</code>), which lists every finding.</p>`,
    );
    expect(section).toContain(`${FINDINGS_SHOWN + 70} failing`);
    expect(html).toContain(`<h3>Failing findings by severity (<span id="failing-total">${FINDINGS_SHOWN + 70}</span>)</h3>`);
    // Below the cap nothing is said.
    expect(RENDERERS.html.render(small)).not.toContain('more findings of this control');
  });

  it('html and the terminal summary: no chunk grows with the number of findings', () => {
    for (const format of ['html', 'table', 'markdown'] as const) {
      const biggest = (r: ScanResult) => Math.max(...[...RENDERERS[format].chunks(r)].map((c) => c.length));
      expect(biggest(larger)).toBeLessThanOrEqual(biggest(large) + 16);
    }
  });

  it('wide, csv, junit, sarif, yaml: one finding per chunk, so a chunk stays small however many there are', () => {
    for (const format of ['wide', 'csv', 'junit', 'sarif', 'yaml'] as const) {
      const chunks = [...RENDERERS[format].chunks(larger)];
      // The network section's rows (yaml: `- namespace: team-7…` chunks) name the namespaces too.
      expect(chunks.filter((c) => c.includes('team-7') && !/^\s*- namespace: /.test(c))).toHaveLength(
        failing(larger).findings.filter((f) => f.resource.name.startsWith('team-7')).length,
      );
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4000);
    }
  });
});
