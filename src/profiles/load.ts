/**
 * Loads and validates benchmarks/*.yaml and benchmarks/version-map.yaml. Profiles are data; a
 * profile naming a check that is not registered is rejected here (and by a test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import type { ControlScope, Profile, ProfileControl, ProfileSection, VersionMapEntry } from '../core/profile.js';
import { isSeverity } from '../core/severity.js';

export const benchmarksDir = (): string => join(packageRoot(), 'benchmarks');

const SCOPES: ControlScope[] = ['cluster', 'control-plane', 'node-host'];

export function loadProfiles(dir = benchmarksDir()): Profile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'version-map.yaml')
    .sort()
    .map((f) => parseProfile(f, parse(readFileSync(join(dir, f), 'utf8'))));
}

export function parseProfile(file: string, doc: unknown): Profile {
  const bad = (where: string, problem: string): never => {
    throw new Error(`benchmark ${file}: ${where}: ${problem}`);
  };
  const p = doc as Record<string, unknown>;
  for (const field of ['id', 'title', 'version', 'source']) if (typeof p?.[field] !== 'string' || !p[field]) bad(field, 'is required');
  if (`${p.id}.yaml` !== file.replace(/^.*\//, '')) bad('id', `"${p.id}" must equal the file name`);
  if (!Array.isArray(p.sections) || !p.sections.length) bad('sections', 'must be a non-empty list');
  const seen = new Set<string>();
  const sections = (p.sections as Record<string, unknown>[]).map((s, si): ProfileSection => {
    if (typeof s.id !== 'string' || typeof s.title !== 'string') bad(`sections[${si}]`, 'needs id and title');
    if (s.scope !== undefined && !SCOPES.includes(s.scope as ControlScope)) bad(`section ${s.id}`, `scope must be one of ${SCOPES.join(', ')}`);
    if (!Array.isArray(s.controls)) bad(`section ${s.id}`, 'controls must be a list');
    const controls = (s.controls as Record<string, unknown>[]).map((c): ProfileControl => {
      const where = `control ${String(c.id)}`;
      if (typeof c.id !== 'string' || typeof c.title !== 'string') bad(where, 'needs id and title');
      if (seen.has(c.id as string)) bad(where, 'duplicate id');
      seen.add(c.id as string);
      if (c.type !== 'automated' && c.type !== 'manual') bad(where, 'type must be automated or manual');
      if (c.severity !== undefined && !isSeverity(c.severity)) bad(where, `unknown severity ${String(c.severity)}`);
      if (c.scope !== undefined && !SCOPES.includes(c.scope as ControlScope)) bad(where, `scope must be one of ${SCOPES.join(', ')}`);
      const checks = c.checks ?? [];
      if (!Array.isArray(checks) || checks.some((x) => typeof x !== 'string')) bad(where, 'checks must be a list of check ids');
      return {
        id: c.id as string,
        title: c.title as string,
        type: c.type as ProfileControl['type'],
        severity: c.severity as ProfileControl['severity'],
        checks: checks as string[],
        guidance: c.guidance as string | undefined,
        scope: c.scope as ControlScope | undefined,
        notAssessedReason: c.notAssessedReason as string | undefined,
      };
    });
    if (s.practice !== undefined && typeof s.practice !== 'string') bad(`section ${s.id}`, 'practice must be a string');
    return { id: s.id as string, title: s.title as string, ...(s.practice !== undefined ? { practice: s.practice as string } : {}), scope: s.scope as ControlScope | undefined, controls };
  });
  return { id: p.id as string, title: p.title as string, version: p.version as string, source: p.source as string, description: p.description as string | undefined, sections };
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
  if (Number.isNaN(wanted)) return all.sort((a, b) => b.minor - a.minor)[0].profile;
  return all.sort((a, b) => Math.abs(a.minor - wanted) - Math.abs(b.minor - wanted) || b.minor - a.minor)[0].profile;
}

/** Validates profile ids against what is shipped; unknown id is a usage error. */
export function selectProfiles(all: Profile[], ids: string[]): Profile[] {
  return ids.map((id) => {
    const p = all.find((x) => x.id === id);
    if (!p) throw new UsageError(`--benchmark: unknown benchmark "${id}" (available: ${all.map((x) => x.id).join(', ')})`);
    return p;
  });
}
