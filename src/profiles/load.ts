/**
 * Loads and validates benchmarks/*.yaml (against docs/profile-schema.json) and
 * benchmarks/version-map.yaml. Profiles are data; a profile naming a check that is not registered is
 * rejected here (and by a test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { mustExist, UsageError } from '../core/errors.js';
import { packageRoot } from '../io/package-root.js';
import type { Profile, VersionMapEntry } from '../core/profile.js';

export const benchmarksDir = (): string => join(packageRoot(), 'benchmarks');

/** The shipped profiles, checked against the check ids that exist: a profile naming another is a defect. */
export function shippedProfilesFor(checkIds: readonly string[]): Profile[] {
  const ids = new Set(checkIds);
  const profiles = loadProfiles();
  for (const p of profiles)
    for (const s of p.sections)
      for (const c of s.controls)
        for (const id of [...c.checks, ...(c.evidence ?? [])]) {
          if (!ids.has(id)) throw new Error(`benchmark ${p.id} control ${c.id} names unknown check "${id}"`);
        }
  return profiles;
}

export function loadProfiles(dir = benchmarksDir()): Profile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'version-map.yaml')
    .sort()
    .map((f) => parseProfile(f, parse(readFileSync(join(dir, f), 'utf8'))));
}

let validateProfile: ValidateFunction | undefined;

/** A profile document checked against docs/profile-schema.json, then for what a schema cannot say. */
export function parseProfile(file: string, doc: unknown): Profile {
  const bad = (where: string, problem: string): never => {
    throw new Error(`benchmark ${file}: ${where}: ${problem}`);
  };
  validateProfile ??= new Ajv({ allErrors: false, strict: true }).compile(
    JSON.parse(readFileSync(join(packageRoot(), 'docs', 'profile-schema.json'), 'utf8')) as object,
  );
  if (!validateProfile(doc)) {
    const e = validateProfile.errors?.[0];
    const detail =
      e?.keyword === 'additionalProperties'
        ? `unknown field "${String(e.params.additionalProperty)}"`
        : e?.keyword === 'enum'
          ? `must be one of ${(e.params.allowedValues as string[]).join(', ')}`
          : (e?.message ?? 'is not a profile');
    bad(e?.instancePath || '/', detail);
  }
  const profile = doc as Profile;
  if (`${profile.id}.yaml` !== file.replace(/^.*\//, '')) bad('/id', `"${profile.id}" must equal the file name`);
  const seen = new Set<string>();
  for (const section of profile.sections) {
    for (const control of section.controls) {
      if (seen.has(control.id)) bad(`control ${control.id}`, 'duplicate id');
      seen.add(control.id);
      control.checks ??= [];
    }
  }
  return profile;
}

export function loadVersionMap(dir = benchmarksDir()): VersionMapEntry[] {
  const doc = parse(readFileSync(join(dir, 'version-map.yaml'), 'utf8')) as { versions?: VersionMapEntry[] };
  return doc.versions ?? [];
}

/** The CIS profile for a Kubernetes minor; minors outside the map get the nearest one mapped. */
export function profileForVersion(map: VersionMapEntry[], major: string | undefined, minor: string | undefined): string {
  const all = map.flatMap((e) => e.minors.map((m) => ({ minor: Number(m.split('.')[1]), profile: e.profile })));
  if (!all.length) throw new Error('benchmarks/version-map.yaml maps no version');
  const wanted = major === '1' ? Number.parseInt(minor ?? '', 10) : Number.NaN;
  if (Number.isNaN(wanted)) return mustExist(all.sort((a, b) => b.minor - a.minor)[0], 'a mapped version').profile;
  return mustExist(all.sort((a, b) => Math.abs(a.minor - wanted) - Math.abs(b.minor - wanted) || b.minor - a.minor)[0], 'a mapped version')
    .profile;
}

/** Validates profile ids against what is shipped; unknown id is a usage error. */
export function selectProfiles(all: Profile[], ids: string[]): Profile[] {
  return ids.map((id) => {
    const p = all.find((x) => x.id === id);
    if (!p) throw new UsageError(`--benchmark: unknown benchmark "${id}" (available: ${all.map((x) => x.id).join(', ')})`);
    return p;
  });
}
