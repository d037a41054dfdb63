import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, CHECK_IDS } from '../../checks/index.js';
import { packageRoot } from '../../src/io/package-root.js';
import { checkFileIds, generatedFiles } from '../../src/pipeline/generate.js';
import { loadProfiles, loadVersionMap, profileForVersion } from '../../src/profiles/load.js';
import { INVENTORY_KEYS } from '../../src/core/inventory.js';
import { SEVERITIES } from '../../src/core/severity.js';

const root = packageRoot();

describe('check registry', () => {
  it('lists every check file, and each check id equals its file name', () => {
    expect([...CHECK_IDS]).toEqual(checkFileIds(join(root, 'checks')));
    expect(CHECKS.map((c) => c.meta.id)).toEqual([...CHECK_IDS]);
  });

  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s has complete meta', (_id, check) => {
    const m = check.meta;
    expect(m.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
    expect(SEVERITIES).toContain(m.severity);
    expect(m.title.length).toBeGreaterThan(10);
    expect(m.description.length).toBeGreaterThan(40);
    expect(m.remediation.length).toBeGreaterThan(20);
    expect(m.requires.length).toBeGreaterThan(0);
    for (const k of m.requires) expect(INVENTORY_KEYS).toContain(k);
    expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    expect(m.example).toBeTruthy();
    if (m.options)
      expect(Object.keys(m.options.defaults).sort()).toEqual(Object.keys((m.options.schema.properties as object) ?? {}).sort());
  });

  it('has a test file naming every check', () => {
    // test/checks/<id>.test.ts, or a table-driven test naming the id as a row's first cell (the node-file checks: node-files.test.ts).
    const dir = join(root, 'test', 'checks');
    const tables = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const missing = CHECK_IDS.filter((id) => !existsSync(join(dir, `${id}.test.ts`)) && !new RegExp(`\\[\\s*'${id}',`).test(tables));
    expect(missing).toEqual([]);
  });
});

describe('profiles', () => {
  const profiles = loadProfiles();
  const ids = new Set<string>(CHECK_IDS);

  it('reference only registered checks (as checks or as evidence)', () => {
    const unknown = profiles.flatMap((p) =>
      p.sections.flatMap((s) =>
        s.controls.flatMap((c) => [...c.checks, ...(c.evidence ?? [])].filter((id) => !ids.has(id)).map((id) => `${p.id} ${c.id}: ${id}`)),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('ship cis-1.12 with all 131 controls, none silently dropped', () => {
    const cis = profiles.find((p) => p.id === 'cis-1.12')!;
    const controls = cis.sections.flatMap((s) => s.controls);
    expect(controls).toHaveLength(131);
    expect(controls.filter((c) => c.type === 'automated')).toHaveLength(65);
    // A control without a check says why: manual guidance or a not-assessed reason.
    expect(controls.filter((c) => !c.checks.length && !(c.type === 'manual' ? c.guidance : c.notAssessedReason)).map((c) => c.id)).toEqual(
      [],
    );
  });

  it('map Kubernetes minors to the nearest CIS profile', () => {
    const map = loadVersionMap();
    expect(profileForVersion(map, '1', '33')).toBe('cis-1.12');
    expect(profileForVersion(map, '1', '28+')).toBe('cis-1.12');
    expect(profileForVersion(map, '1', '40')).toBe('cis-1.12');
    expect(profileForVersion(map, undefined, undefined)).toBe('cis-1.12');
    for (const e of map) expect(profiles.map((p) => p.id)).toContain(e.profile);
  });
});

describe('generated files', () => {
  it('are up to date (run `npm run generate`)', () => {
    const stale: string[] = [];
    for (const [rel, content] of generatedFiles(root, CHECKS, loadProfiles())) {
      const file = join(root, rel);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(rel);
    }
    expect(stale).toEqual([]);
  });
});
