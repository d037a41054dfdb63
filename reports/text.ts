/** Small pieces of text several renderers share: how a resource, a count or a scope is named. */
import type { ResourceRef } from '../src/core/check.js';
import type { ControlResult, ControlStatus, EvidenceEntry, Finding, ScanResult } from '../src/core/result.js';
import { severityRank } from '../src/core/severity.js';

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export const resourceName = (r: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>): string =>
  `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** The resource of a finding, with the number of pods it stands for. */
export const findingResource = (f: Finding): string => resourceName(f.resource) + (f.podCount ? ` (${plural(f.podCount, 'pod')})` : '');

/** "3 fail, 1 pass": the non-zero counts, in the order of the record. */
export const nonZero = (counts: Partial<Record<string, number>>): string =>
  Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Failing controls (and errors), most severe first, then by most failing findings, then report order. */
export function failingControls(result: ScanResult): ControlResult[] {
  const listed = result.controls.filter((c) => c.status === 'fail' || c.status === 'error');
  return listed
    .map((c, i) => ({ c, i, n: failingCount(c) }))
    .sort(
      (a, b) =>
        severityRank(b.c.severity) - severityRank(a.c.severity) ||
        Number(b.c.status === 'error') - Number(a.c.status === 'error') ||
        b.n - a.n ||
        a.i - b.i,
    )
    .map((x) => x.c);
}

export const failingCount = (c: ControlResult): number => c.findings.reduce((n, f) => n + (f.status === 'fail' ? 1 : 0), 0);

/** Not-assessed controls grouped by their reason, in report order. */
export const notAssessedByReason = (result: ScanResult): Map<string, ControlResult[]> => byReason(result, 'not-assessed');

/** Passing controls with a caveat (what their checks did not verify) grouped by it, in report order; a plain pass is left out. */
export const caveatsByReason = (result: ScanResult): Map<string, ControlResult[]> => byReason(result, 'pass');

function byReason(result: ScanResult, status: ControlStatus): Map<string, ControlResult[]> {
  const grouped = new Map<string, ControlResult[]>();
  for (const c of result.controls) {
    if (c.status !== status || (status === 'pass' && c.reason === undefined)) continue;
    const reason = c.reason ?? 'no reason recorded';
    grouped.set(reason, [...(grouped.get(reason) ?? []), c]);
  }
  return grouped;
}

/** Which cluster (or input) the report is about: the context, else the server, else the source type. */
export const clusterName = (result: ScanResult): string =>
  result.scan.clusterName ?? result.scan.source.context ?? result.scan.source.server ?? result.scan.source.type;

/** The first line of a remediation text, for one-line mentions. */
export const firstLine = (text: string): string => (text.trim().split('\n')[0] ?? '').trim();

export const controlKey = (c: Pick<ControlResult, 'profile' | 'id'>): string => `${c.profile} ${c.id}`;

/**
 * Who the scan ran as, for the cover and the summaries: "alice (groups: dev, system:authenticated)",
 * "unknown: <why>", "offline (no API identity)"; undefined for a report written before it was recorded.
 */
export function identityText(result: ScanResult): string | undefined {
  const id = result.scan.identity;
  if (!id) return undefined;
  if (id.status === 'known') return `${id.username}${id.groups.length ? ` (groups: ${id.groups.join(', ')})` : ''}`;
  if (id.status === 'unknown') return `unknown: ${id.reason}`;
  return 'offline (no API identity)';
}

/** "Scanned as alice (groups: …) · PSS latest (v1.37)", "Offline, no API identity · PSS v1.30"; undefined when the report has neither. */
export function runAsLine(result: ScanResult): string | undefined {
  const id = result.scan.identity;
  const who = id === undefined ? '' : id.status === 'offline' ? 'Offline, no API identity' : `Scanned as ${identityText(result) ?? ''}`;
  const pss = pssVersionText(result);
  const parts = [who, pss !== undefined ? `PSS ${pss}` : ''].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** "latest (v1.37)" or "v1.30". */
export function pssVersionText(result: ScanResult): string | undefined {
  const v = result.scan.pssVersion;
  if (!v) return undefined;
  return v.requested === v.evaluatedAs ? v.requested : `${v.requested} (${v.evaluatedAs})`;
}

/** Where the report came from, in one line: source, cluster name and context, Kubernetes version, profiles, scope. */
export function sourceLine(result: ScanResult): string {
  const src = result.scan.source;
  const scope = [
    src.namespaces?.length ? `namespaces ${src.namespaces.join(', ')} only` : '',
    src.excludedNamespaces?.length ? `excluding ${src.excludedNamespaces.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const who =
    result.scan.clusterName !== undefined
      ? ` ${result.scan.clusterName}${src.context ? ` (context ${src.context})` : ''}`
      : src.context
        ? ` ${src.context}`
        : '';
  return `kaudit ${result.tool.version} — ${src.type}${who}${src.kubernetesVersion ? ` (${src.kubernetesVersion}, ${src.platform})` : ''} — ${result.profiles.join(', ')}${scope ? ` — ${scope}` : ''}`;
}

/**
 * Controls that carry automated evidence for a reviewer, in report order: manual ones, and those a
 * human decides with a check beside (CIS 5.2.1: the PSS labels judged, the policy engine as evidence).
 */
export const controlsWithEvidence = (result: ScanResult): ControlResult[] => result.controls.filter((c) => c.evidence?.length);

/**
 * One evidence entry in words: a head line (the check, its verdict, and the reason when it could not
 * judge) and its first `top` items (object: message), with how many more there are.
 */
export function evidenceText(e: EvidenceEntry, top: number): { head: string; items: string[]; more: number } {
  const head = `${e.checkId} (${e.status}): ${e.title}${e.reason ? ` — ${e.reason}` : ''}`;
  const items = e.items.slice(0, top).map((i) => `${resourceName(i.resource)}: ${i.message}`);
  return { head, items, more: e.items.length - items.length + (e.more ?? 0) };
}
