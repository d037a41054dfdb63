import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'kaudit-opts-'));
const manifests = join(dir, 'm.yaml');
writeFileSync(
  manifests,
  `apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: v1
kind: Namespace
metadata: {name: sandbox}
`,
);
const options = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const scan = (file: string) => cli(['scan', '--manifests', manifests, '--checks', 'netpol-namespace-coverage', '--check-options', file]);

describe('--check-options', () => {
  it('sets a check option, validated against its schema', async () => {
    const run = await scan(options('ok.yaml', 'netpol-namespace-coverage:\n  skipNamespaces: [sandbox]\n'));
    expect(run.code).toBe(0);
    const findings = validReport(run.out).controls[0].findings.map((f: { resource: { name: string } }) => f.resource.name);
    expect(findings).toEqual(['legacy']);
  });

  it.each([
    ['unknown.yaml', 'no-such-check: {}\n', 'unknown check id "no-such-check" (see `kaudit checks`)'],
    ['nooptions.yaml', 'pod-host-pid: {x: 1}\n', 'check pod-host-pid has no options'],
    [
      'type.yaml',
      'netpol-namespace-coverage:\n  skipNamespaces: sandbox\n',
      'netpol-namespace-coverage/skipNamespaces: must be array (options: skipNamespaces)',
    ],
    [
      'extra.yaml',
      'netpol-namespace-coverage:\n  skipNamespace: [a]\n',
      'netpol-namespace-coverage/skipNamespace: must NOT have additional properties (options: skipNamespaces)',
    ],
    ['list.yaml', '- a\n', 'expected a mapping of check id to options'],
  ])('rejects %s with exit 2 and one line', async (name, text, problem) => {
    const file = options(name, text);
    expect(await scan(file)).toEqual({ code: 2, out: '', err: `kaudit: check options ${file}: ${problem}\n` });
  });

  it("shows a check's options and defaults in explain", async () => {
    const run = await cli(['checks', 'explain', 'netpol-namespace-coverage']);
    expect(run.out).toContain('Options (set with --check-options FILE), defaults:\n{\n  "skipNamespaces": [\n    "kube-system",');
  });
});
