/**
 * JUnit XML, the format CI systems show as test results: a testsuite per profile, a testcase per
 * control. A failing control is a <failure> whose text lists every failing finding with its evidence
 * (written one finding at a time) and the remediation; an erroring check is an <error>; manual,
 * not-applicable and not-assessed controls are <skipped> with the reason; passing and waived
 * controls pass (a waived one says so in <system-out>, and so does a pass with a caveat).
 */
import type { ControlResult, Finding, ScanResult } from '../src/core/result.js';
import { clusterName, findingResource, plural } from './text.js';
import { xmlAttr as attr, xmlText as text } from './xml.js';

const SKIPPED = new Set(['manual', 'not-applicable', 'not-assessed']);

export function* junitChunks(result: ScanResult): Generator<string> {
  const s = result.summary;
  const seconds = (result.scan.durationMs / 1000).toFixed(3);
  const skipped = s.counts.manual + s.counts['not-applicable'] + s.counts['not-assessed'];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="kaudit" tests="${result.controls.length}" failures="${s.counts.fail}" errors="${s.counts.error}" skipped="${skipped}" time="${seconds}" timestamp="${attr(result.scan.startedAt)}">\n`;
  for (const profile of s.profiles) {
    const c = profile.counts;
    yield `  <testsuite name="${attr(profile.id)}" tests="${Object.values(c).reduce((n, x) => n + x, 0)}" failures="${c.fail}" errors="${c.error}" skipped="${c.manual + c['not-applicable'] + c['not-assessed']}" time="${seconds}" timestamp="${attr(result.scan.startedAt)}">\n`;
    yield `    <properties>\n      <property name="title" value="${attr(profile.title)}"/>\n      <property name="score" value="${profile.score ?? ''}"/>\n      <property name="source" value="${attr(clusterName(result))}"/>\n${result.scan.source.server !== undefined ? `      <property name="server" value="${attr(result.scan.source.server)}"/>\n` : ''}    </properties>\n`;
    for (const control of result.controls) if (control.profile === profile.id) yield* testcase(control);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function* testcase(c: ControlResult): Generator<string> {
  const open = `    <testcase classname="${attr(`${c.profile}.${c.section}`)}" name="${attr(`${c.id} ${c.title}`)}" time="0">`;
  if (c.status === 'fail') {
    const failing = c.findings.filter((f) => f.status === 'fail');
    yield `${open}\n      <failure message="${attr(`${plural(failing.length, 'failing finding')} (${c.severity})`)}" type="${c.severity}">`;
    for (const f of failing) yield text(findingText(f));
    if (c.remediation?.length) yield text(`\nRemediation:\n${c.remediation.join('\n\n')}\n`);
    if (c.references?.length) yield text(`References: ${c.references.join(' ')}\n`);
    yield '</failure>\n    </testcase>\n';
  } else if (c.status === 'error') {
    yield `${open}\n      <error message="${attr(c.reason ?? 'the check failed')}" type="error"/>\n    </testcase>\n`;
  } else if (SKIPPED.has(c.status)) {
    yield `${open}\n      <skipped message="${attr(`${c.status}: ${c.reason ?? c.guidance ?? 'needs a human'}`)}"/>\n    </testcase>\n`;
  } else if (c.status === 'waived') {
    yield `${open}\n      <system-out>${text(`waived: ${plural(c.findings.length, 'finding')} covered by exceptions (${[...new Set(c.findings.map((f) => f.waiver?.reason ?? ''))].filter(Boolean).join('; ')})`)}</system-out>\n    </testcase>\n`;
  } else if (c.reason !== undefined) {
    yield `${open}\n      <system-out>${text(`pass: ${c.reason}`)}</system-out>\n    </testcase>\n`;
  } else yield `${open}</testcase>\n`;
}

function findingText(f: Finding): string {
  const evidence = [
    f.path,
    f.observed !== undefined ? `observed: ${f.observed}` : '',
    f.expected !== undefined ? `expected: ${f.expected}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `${findingResource(f)}: ${f.message}${evidence ? ` [${evidence}]` : ''}\n`;
}
