/**
 * The terminal summary's network lines (the result's `network` section, docs/network.md): pods
 * isolated / total for ingress and egress over all namespaces, how many namespaces have a default
 * deny, the least isolated namespaces, the policies kaudit could not read and the served
 * network-policy kinds it does not evaluate. Nothing when the
 * scan ran no network check. Cluster text passes terminalText.
 */
import type { NamespaceIsolation, ScanResult } from '../src/core/result.js';
import { terminalText as t } from '../src/core/terminal-text.js';
import { plural } from './text.js';

/** Namespaces named as least isolated, and policies named as not understood, before "…". */
const NAMED = 4;

export interface TerminalNetworkStyle {
  bold: (text: string) => string;
  /** Wraps a paragraph to the terminal width, continuation lines indented by `indent`. */
  wrap: (text: string, indent: number) => string;
}

const sum = (rows: readonly NamespaceIsolation[], key: 'pods' | 'ingressIsolated' | 'egressIsolated'): number =>
  rows.reduce((n, r) => n + r[key], 0);

export function* networkLines(result: ScanResult, { bold, wrap }: TerminalNetworkStyle): Generator<string> {
  const network = result.network;
  if (!network) return;
  const unevaluated = (network.unevaluated ?? []).map((u) => '  ' + wrap(t(`Not evaluated: ${u}`), 4));
  if (network.notAssessed !== undefined) {
    // Cluster text is made terminal-safe before the colour codes go around the label (t strips ESC).
    yield '\n' + wrap(`${bold('Network isolation:')} ${t(`not assessed (${network.notAssessed})`)}`, 2);
    yield* unevaluated;
    return;
  }
  const rows = network.namespaces;
  const pods = sum(rows, 'pods');
  const denies = (d: 'ingress' | 'egress') => rows.filter((r) => r.defaultDeny[d] !== 'none').length;
  yield (
    '\n' +
    wrap(
      `${bold('Network isolation:')} ${sum(rows, 'ingressIsolated')}/${pods} pods isolated for ingress, ${sum(rows, 'egressIsolated')}/${pods} for egress; ` +
        `default deny in ${denies('ingress')}/${rows.length} namespaces for ingress, ${denies('egress')}/${rows.length} for egress`,
      2,
    )
  );
  // Least isolated for ingress first: the share of pods left open, then the number of open pods.
  const open = rows
    .filter((r) => r.pods > r.ingressIsolated)
    .sort(
      (a, b) =>
        a.ingressIsolated / a.pods - b.ingressIsolated / b.pods ||
        b.pods - b.ingressIsolated - (a.pods - a.ingressIsolated) ||
        (a.namespace < b.namespace ? -1 : 1),
    );
  if (open.length) {
    const named = open.slice(0, NAMED).map((r) => `${r.namespace} ${r.ingressIsolated}/${r.pods}`);
    yield (
      '  ' +
      wrap(
        t(
          `Least isolated (ingress): ${named.join(', ')}${open.length > NAMED ? `, … and ${plural(open.length - NAMED, 'more namespace')}` : ''}`,
        ),
        4,
      )
    );
  }
  const notUnderstood = rows.flatMap((r) => r.notUnderstood);
  if (notUnderstood.length) {
    const unique = [...new Set(notUnderstood)];
    yield (
      '  ' +
      wrap(
        t(
          `Not understood (select nothing): ${unique.slice(0, NAMED).join('; ')}${unique.length > NAMED ? `; … and ${unique.length - NAMED} more` : ''}`,
        ),
        4,
      )
    );
  }
  yield* unevaluated;
}
