import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';
import { loadProfiles } from '../../src/profiles/load.js';

const EXPECTED_CHECKS = [
  'container-resource-requests',
  'container-resource-limits',
  'image-tag-latest',
  'image-digest-pinned',
  'container-readonly-rootfs',
  'env-credential-literal',
  'container-probes',
];

describe('kaudit-workloads profile', () => {
  const profile = loadProfiles().find((p) => p.id === 'kaudit-workloads');
  const controls = profile?.sections.flatMap((s) => s.controls) ?? [];

  it('loads with loadProfiles()', () => {
    expect(profile).toBeDefined();
    expect(profile?.title).toBe('kaudit workload practices');
    expect(profile?.version).toBe('1.0');
    expect(profile?.sections.map((s) => s.id)).toEqual(['resources', 'images', 'hardening', 'secrets', 'reliability']);
  });

  it('has one automated control per check, KW- ids, covering every check of the family', () => {
    for (const c of controls) {
      expect(c.id).toMatch(/^KW-\d+\.\d+$/);
      expect(c.type).toBe('automated');
      expect(c.checks).toHaveLength(1);
    }
    expect(controls.flatMap((c) => c.checks).sort()).toEqual([...EXPECTED_CHECKS].sort());
  });

  it('names only checks that exist as files in checks/, with a matching id', async () => {
    for (const id of controls.flatMap((c) => c.checks)) {
      const file = join(packageRoot(), 'checks', `${id}.ts`);
      expect(existsSync(file)).toBe(true);
      const mod = (await import(`../../checks/${id}.js`)) as { default: { meta: { id: string } } };
      expect(mod.default.meta.id).toBe(id);
    }
  });
});
