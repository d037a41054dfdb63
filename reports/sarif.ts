/**
 * SARIF 2.1.0 (the format code-scanning services read): one run, rules = the checks the scored
 * controls use (help = their remediation), results = failing findings located at the Kubernetes
 * resource (a logical location `namespace/Kind/name`; for manifests scans also the file and line it
 * was read from, a physical location), waived findings as suppressed results. A
 * finding shared by several controls (the same check in two profiles) is one result listing them.
 * Written one result at a time.
 */
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ObjectSource } from '../src/core/inventory.js';
import type { ControlResult, Finding, ScanResult } from '../src/core/result.js';
import type { Severity } from '../src/core/severity.js';
import { mustExist } from '../src/core/errors.js';
import type { CheckInfo, RenderOptions } from './render-options.js';
import { controlKey, resourceName } from './text.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub code scanning reads this property to rank security results (0.0-10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

interface RuleSource {
  controls: ControlResult[];
}

export function* sarifChunks(result: ScanResult, options: RenderOptions = {}): Generator<string> {
  const rules = ruleSources(result);
  const ruleIndex = new Map([...rules.keys()].map((id, i) => [id, i]));
  const unique = uniqueFindings(result);
  const run = {
    tool: {
      driver: {
        name: 'kaudit',
        version: result.tool.version,
        semanticVersion: result.tool.version,
        rules: [...rules].map(([id, src]) => rule(id, src, options.checks?.get(id))),
      },
    },
    invocations: [{ executionSuccessful: true, startTimeUtc: result.scan.startedAt, endTimeUtc: result.scan.finishedAt }],
    properties: { reportVersion: result.reportVersion, profiles: result.profiles, score: result.summary.score, source: result.scan.source },
  };
  const head = JSON.stringify(run, null, 2).replace(/\n}$/, '');
  yield `{\n  "$schema": "${SARIF_SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    ${head.replace(/\n/g, '\n    ')},\n      "results": [`;
  let first = true;
  for (const { finding, controls } of unique.values()) {
    yield `${first ? '' : ','}\n        ${JSON.stringify(sarifResult(finding, ruleIndex.get(finding.checkId), controls))}`;
    first = false;
  }
  yield `${first ? '' : '\n      '}]\n    }\n  ]\n}\n`;
}

/** Every check of a scored control, with the controls that use it, in report order. */
function ruleSources(result: ScanResult): Map<string, RuleSource> {
  const rules = new Map<string, RuleSource>();
  for (const c of result.controls)
    for (const id of c.checks) {
      const src = rules.get(id) ?? { controls: [] };
      src.controls.push(c);
      rules.set(id, src);
    }
  return rules;
}

function rule(id: string, src: RuleSource, info: CheckInfo | undefined) {
  const controls = src.controls.map((c) => `${controlKey(c)} ${c.title}`);
  // Without the catalog, a control with this check alone says what fixing the check means.
  const remediation =
    info?.remediation.trim() ?? src.controls.find((c) => c.checks.length === 1 && c.remediation?.length)?.remediation?.join('\n\n');
  const references = info?.references ?? [...new Set(src.controls.flatMap((c) => c.references ?? []))];
  const first = mustExist(src.controls[0], `the first control of rule ${id}`);
  const severity = info?.severity ?? first.severity;
  const helpText = [remediation, `Controls: ${controls.join('; ')}`, references.length ? `References: ${references.join(' ')}` : '']
    .filter(Boolean)
    .join('\n\n');
  return {
    id,
    name: id,
    shortDescription: { text: info?.title ?? first.title },
    ...(info?.description ? { fullDescription: { text: info.description } } : {}),
    help: { text: helpText, markdown: helpText.replace(/\n(?!\n)/g, '  \n') },
    ...(references[0]?.startsWith('http') ? { helpUri: references[0] } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', 'kubernetes', ...new Set(src.controls.map((c) => c.profile))],
      'security-severity': SECURITY_SEVERITY[severity],
      controls: src.controls.map(controlKey),
    },
  };
}

/** Each distinct finding once, in report order, with every control that reports it. */
function uniqueFindings(result: ScanResult): Map<string, { finding: Finding; controls: string[] }> {
  const byKey = new Map<string, { finding: Finding; controls: string[] }>();
  for (const c of result.controls) {
    if (!c.findings.length) continue;
    const control = controlKey(c);
    for (const f of c.findings) {
      const r = f.resource;
      const key = `${f.checkId}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}\u0000${f.path ?? f.message}`;
      const seen = byKey.get(key);
      if (seen) seen.controls.push(control);
      else byKey.set(key, { finding: f, controls: [control] });
    }
  }
  return byKey;
}

/** One result; a fixed object shape (absent values are undefined, which JSON leaves out) keeps JSON.stringify fast. */
function sarifResult(f: Finding, ruleIndex: number | undefined, controls: string[]) {
  const r = f.resource;
  const fqn = `${r.namespace ? `${r.namespace}/` : ''}${r.kind}/${r.name}`;
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${resourceName(r)}: ${f.message}` },
    locations: [
      {
        physicalLocation: f.source && physicalLocation(f.source),
        logicalLocations: [{ name: r.name, fullyQualifiedName: fqn, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'kauditFinding/v1': `${f.checkId}:${fqn}:${f.path ?? ''}` },
    suppressions:
      f.status === 'waived' ? [{ kind: 'external', status: 'accepted', justification: f.waiver?.reason ?? 'waived' }] : undefined,
    properties: {
      controls,
      severity: f.severity,
      apiVersion: r.apiVersion,
      path: f.path,
      observed: f.observed,
      expected: f.expected,
      podCount: f.podCount,
      system: f.system,
    },
  };
}

/**
 * Where a manifests finding's resource was read: the file (a relative reference as the scan named
 * it, so code scanning maps it into the repository; a file: URI for an absolute path) and the line
 * where the object's YAML document starts.
 */
function physicalLocation(source: ObjectSource) {
  const uri = isAbsolute(source.file)
    ? pathToFileURL(source.file).href
    : source.file
        .split(sep)
        .join('/')
        .replace(/^(\.\/)+/, '')
        .split('/')
        .map(encodeURIComponent)
        .join('/');
  return { artifactLocation: { uri }, region: source.line === undefined ? undefined : { startLine: source.line } };
}
