import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyCheck } from '../../src/core/check.js';
import { packageRoot } from '../../src/io/package-root.js';
import type { Profile, ProfileControl } from '../../src/core/profile.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { controlsFor, getPssControl, LATEST_PSS_VERSION, type PssLevel, type PssVersion } from '../../src/pss/index.js';
import type { PssCheck } from '../../checks/_shared/pss-check.js';

const controlsOf = (p: Profile): ProfileControl[] => p.sections.flatMap((s) => s.controls);
const allVersions: PssVersion[] = ['latest', ...Array.from({ length: LATEST_PSS_VERSION.minor + 1 }, (_, minor) => ({ major: 1, minor }))];
const label = (v: PssVersion): string => (v === 'latest' ? 'latest' : `v1.${v.minor}`);

describe.each([
  ['pss-baseline', 'baseline'],
  ['pss-restricted', 'restricted'],
] as const)('profile %s', (id, level: PssLevel) => {
  let profile: Profile;
  const checks = new Map<string, AnyCheck>();

  beforeAll(async () => {
    const found = loadProfiles().find((p) => p.id === id);
    if (!found) throw new Error(`benchmarks/${id}.yaml did not load`);
    profile = found;
    for (const c of controlsOf(profile)) {
      for (const checkId of c.checks) {
        if (!existsSync(join(packageRoot(), 'checks', `${checkId}.ts`))) continue;
        checks.set(checkId, (await import(`../../checks/${checkId}.js`)).default as AnyCheck);
      }
    }
  });

  /** The PSS checks of the profile's controls (namespace checks have no `pss`). */
  const pssChecksOf = (c: ProfileControl): PssCheck[] => c.checks.map((x) => checks.get(x) as PssCheck).filter((x) => x?.pss !== undefined);

  it('has the profile header', () => {
    expect(profile).toMatchObject({ id, version: 'latest' });
    expect(profile.title).toContain(level);
    expect(profile.source).toContain('https://kubernetes.io/docs/concepts/security/pod-security-standards/');
    expect(profile.description).toBeTruthy();
  });

  it('names only check files that exist, each with the id of its file', () => {
    const ids = controlsOf(profile).flatMap((c) => c.checks);
    expect(ids.length).toBeGreaterThan(0);
    for (const checkId of ids) {
      expect(checks.has(checkId) ? checkId : `missing checks/${checkId}.ts`).toBe(checkId);
      expect(checks.get(checkId)?.meta.id).toBe(checkId);
    }
  });

  it('has automated controls with one check each, titled as the Pod Security Standards name them', () => {
    for (const c of controlsOf(profile)) {
      expect(c.type).toBe('automated');
      expect(c.checks).toHaveLength(1);
      const [check] = pssChecksOf(c);
      if (check) expect(c.title).toBe(getPssControl(check.pss.control)?.title);
    }
  });

  it('has exactly one control for namespace enforcement', () => {
    expect(controlsOf(profile).filter((c) => c.checks.includes(`namespace-pss-enforce-${level}`))).toHaveLength(1);
    expect(controlsOf(profile).filter((c) => c.checks.some((x) => x.startsWith('namespace-pss-')))).toHaveLength(1);
  });

  it(`covers every effective ${level} control at latest exactly once`, () => {
    const effective = controlsFor(level, 'latest').map((c) => c.id);
    const covered = controlsOf(profile).flatMap((c) => pssChecksOf(c).flatMap((k) => k.pss.controlsAt('latest').map((x) => x.id)));
    expect([...covered].sort()).toEqual([...effective].sort());
    // And every PSS control of the profile judges something at latest.
    for (const c of controlsOf(profile)) for (const k of pssChecksOf(c)) expect(k.pss.controlsAt('latest').length).toBeGreaterThan(0);
  });

  it(`covers every effective ${level} control exactly once at every policy version, v1.0 to latest`, () => {
    for (const v of allVersions) {
      const effective = controlsFor(level, v)
        .map((c) => c.id)
        .sort();
      const covered = controlsOf(profile)
        .flatMap((c) => pssChecksOf(c).flatMap((k) => k.pss.controlsAt(v).map((x) => x.id)))
        .sort();
      expect({ version: label(v), covered }).toEqual({ version: label(v), covered: effective });
    }
  });

  it(`lists only ${level === 'baseline' ? 'baseline' : 'restricted or not-replaced baseline'} controls`, () => {
    for (const c of controlsOf(profile)) {
      for (const k of pssChecksOf(c)) {
        if (level === 'baseline') expect(k.pss.level).toBe('baseline');
        // A baseline control in the restricted profile must never be replaced by a restricted one.
        else if (k.pss.level === 'baseline') expect(controlsFor('restricted', 'latest').some((x) => x.id === k.pss.control)).toBe(true);
      }
    }
  });
});

it('pss-restricted keeps the control ids of pss-baseline for the controls they share', () => {
  const [baseline, restricted] = ['pss-baseline', 'pss-restricted'].map((id) => loadProfiles().find((p) => p.id === id)!);
  const ids = new Set(controlsOf(baseline!).map((c) => c.id));
  const shared = controlsOf(restricted!).filter((c) => ids.has(c.id));
  for (const c of shared.filter((x) => x.id !== 'namespace-enforce'))
    expect(c.title).toBe(controlsOf(baseline!).find((b) => b.id === c.id)!.title);
  expect(shared.map((c) => c.id).sort()).toEqual(
    [
      'apparmor',
      'capabilities',
      'host-namespaces',
      'host-ports',
      'host-probes-lifecycle',
      'host-process',
      'namespace-enforce',
      'privileged',
      'proc-mount',
      'seccomp',
      'selinux',
      'sysctls',
    ].sort(),
  );
});
