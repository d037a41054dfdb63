/**
 * Helpers for the kubelet checks (kubelet-*): each judges every node's KubeletConfiguration as read
 * from /configz (live) or from a KubeletConfiguration document (manifests), reported on the Node
 * with the field as a JSON pointer into the configuration (/authentication/anonymous/enabled).
 *
 * A field that is absent takes its KubeletConfiguration v1beta1 default (pkg/kubelet/apis/config/
 * v1beta1/defaults.go), which is also what a kubelet started from that file runs with. /configz
 * returns the effective, defaulted configuration, so there fields are normally present.
 */
import { defineCheck, notAssessed, type Check, type CheckContext, type CheckMeta } from '../../src/core/check.js';
import type { Inventory, KubeletConfigInfo } from '../../src/core/inventory.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { scanCache } from '../../src/core/scan-cache.js';
import { cmdlineOf, componentOf, evaluationFails, firstNodes } from './node-host.js';

/**
 * v1beta1 defaults of the fields kaudit judges. Fields with no defaulting (tlsCertFile,
 * authentication.x509.clientCAFile, tlsCipherSuites...) are absent: unset is their value.
 */
export const KUBELET_DEFAULTS: Readonly<Record<string, unknown>> = {
  '/authentication/anonymous/enabled': false,
  '/authentication/webhook/enabled': true,
  '/authorization/mode': 'Webhook',
  '/readOnlyPort': 0,
  '/streamingConnectionIdleTimeout': '4h0m0s',
  '/makeIPTablesUtilChains': true,
  '/eventRecordQPS': 50,
  '/rotateCertificates': false,
  '/serverTLSBootstrap': false,
  '/podPidsLimit': -1,
  '/seccompDefault': false,
  // Beta and on by default since Kubernetes 1.12.
  '/featureGates/RotateKubeletServerCertificate': true,
};

/** A field of one kubelet's configuration: its value, or its default when absent. */
export interface KubeletSetting {
  pointer: string;
  /** True when the configuration holds the field. */
  set: boolean;
  value: unknown;
}

/** Reads a JSON pointer (/a/b) from a configuration, falling back to the v1beta1 default. */
export function setting(config: Record<string, unknown>, pointer: string): KubeletSetting {
  let node: unknown = config;
  for (const part of pointer.split('/').slice(1)) {
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
  }
  const set = node !== undefined && node !== null;
  return { pointer, set, value: set ? node : KUBELET_DEFAULTS[pointer] };
}

/** A value as evidence: lists comma-joined, empty strings shown as "". */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value === '') return '""';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Observed evidence: the value, or 'unset (default X)' / 'unset'. */
export function observedOf(s: KubeletSetting): string {
  if (s.set) return valueText(s.value);
  return s.value === undefined ? 'unset' : `unset (default ${valueText(s.value)})`;
}

/** A setting for messages: the value, or 'unset, which defaults to X'. */
export function inWords(s: KubeletSetting): string {
  if (s.set) return valueText(s.value);
  return s.value === undefined ? 'unset' : `unset, which defaults to ${valueText(s.value)}`;
}

/** A setting as a boolean (configz and YAML give booleans; a quoted string is accepted too). */
export function boolOf(s: KubeletSetting): boolean | undefined {
  if (typeof s.value === 'boolean') return s.value;
  if (s.value === 'true') return true;
  if (s.value === 'false') return false;
  return undefined;
}

/** A setting as a number, NaN when it is not one. */
export const numberOf = (s: KubeletSetting): number =>
  typeof s.value === 'number' ? s.value : typeof s.value === 'string' && s.value.trim() !== '' ? Number(s.value) : Number.NaN;

/** A Go duration ("4h0m0s", "5m", "300ms", "0s", "0") in seconds; NaN when it is not one. */
export function durationSeconds(text: unknown): number {
  if (typeof text === 'number') return text / 1e9; // a bare number is nanoseconds
  if (typeof text !== 'string' || !text.trim()) return Number.NaN;
  const t = text.trim();
  if (/^[+-]?0$/.test(t)) return 0;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of t.replace(/^[+-]/, '').matchAll(re)) {
    const [whole, amount, suffix = ''] = m;
    total += Number(amount) * (unit[suffix] ?? Number.NaN);
    consumed += whole.length;
  }
  return consumed === t.replace(/^[+-]/, '').length ? (t.startsWith('-') ? -total : total) : Number.NaN;
}

/**
 * True when the configuration was read from a KubeletConfiguration document rather than /configz:
 * such a file is defaulted by the kubelet on load (a zero duration there means "use the default").
 */
export const fromConfigFile = (inv: Inventory): boolean => inv.source.type === 'manifests';

export interface KubeletCheckSpec<M extends string> {
  meta: Omit<CheckMeta<M>, 'requires'>;
  evaluate(kubelet: KubeletConfigInfo, ctx: CheckContext<M>): void;
}

/** A kubelet's configuration as judged: from /configz (or a manifest), or rebuilt from a node report. */
export interface KubeletSubject extends KubeletConfigInfo {
  /** Set when rebuilt from the node agent's report: where the settings came from, for evidence. */
  source?: string;
}

/** Kubelet flags and the configuration field each sets (a flag overrides the file). */
const FLAG_FIELDS: Readonly<Record<string, { pointer: string; type: 'bool' | 'number' | 'string' | 'list' }>> = {
  'anonymous-auth': { pointer: '/authentication/anonymous/enabled', type: 'bool' },
  'authentication-token-webhook': { pointer: '/authentication/webhook/enabled', type: 'bool' },
  'client-ca-file': { pointer: '/authentication/x509/clientCAFile', type: 'string' },
  'authorization-mode': { pointer: '/authorization/mode', type: 'string' },
  'read-only-port': { pointer: '/readOnlyPort', type: 'number' },
  'streaming-connection-idle-timeout': { pointer: '/streamingConnectionIdleTimeout', type: 'string' },
  'make-iptables-util-chains': { pointer: '/makeIPTablesUtilChains', type: 'bool' },
  'event-qps': { pointer: '/eventRecordQPS', type: 'number' },
  'rotate-certificates': { pointer: '/rotateCertificates', type: 'bool' },
  'rotate-server-certificates': { pointer: '/serverTLSBootstrap', type: 'bool' },
  'pod-max-pids': { pointer: '/podPidsLimit', type: 'number' },
  'seccomp-default': { pointer: '/seccompDefault', type: 'bool' },
  'tls-cert-file': { pointer: '/tlsCertFile', type: 'string' },
  'tls-private-key-file': { pointer: '/tlsPrivateKeyFile', type: 'string' },
  'tls-cipher-suites': { pointer: '/tlsCipherSuites', type: 'list' },
};

/**
 * Where the kubelet's flag defaults differ from the configuration file's (a kubelet started without
 * --config runs with these): anonymous access on, AlwaysAllow, the read-only port 10255.
 */
const FLAG_DEFAULTS: Readonly<Record<string, unknown>> = {
  '/authentication/anonymous/enabled': true,
  '/authentication/webhook/enabled': false,
  '/authorization/mode': 'AlwaysAllow',
  '/readOnlyPort': 10255,
};

function put(config: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer.split('/').slice(1);
  let into = config;
  for (const part of parts.slice(0, -1)) {
    const next = into[part];
    into = (typeof next === 'object' && next !== null ? next : (into[part] = {})) as Record<string, unknown>;
  }
  into[parts[parts.length - 1] ?? ''] = value;
}

function flagValue(text: string, type: 'bool' | 'number' | 'string' | 'list'): unknown {
  if (type === 'bool') return text === 'true' ? true : text === 'false' ? false : text;
  if (type === 'number') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'list')
    return text
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return text;
}

/**
 * A kubelet's effective configuration from its node report: the configuration file's judged fields
 * (when it runs with --config) or the flag defaults (without), overlaid by its command-line flags.
 * Undefined with the reason when the report cannot give it.
 */
export function kubeletFromReport(report: NodeReport): { kubelet: KubeletSubject } | { reason: string } | undefined {
  const kubelet = componentOf(report, 'kubelet');
  if (!kubelet) return undefined;
  // k3s and RKE2 start their kubelet with settings of their own that no command line shows.
  if (kubelet.embeddedIn)
    return {
      reason: `node ${report.node}: the kubelet runs inside ${kubelet.embeddedIn}, whose own kubelet settings its command line does not show`,
    };
  const configFlag = kubelet.flags.config;
  const file = report.kubeletConfig;
  if (configFlag && !file)
    return {
      reason: `node ${report.node}: the kubelet runs with --config ${configFlag}, which the node report does not give${report.problems.some((p) => p.what === 'kubelet-config') ? ' (the agent could not read it)' : ' (written by an older node agent: run kaudit node again)'}`,
    };
  const config: Record<string, unknown> = file ? (JSON.parse(JSON.stringify(file.settings)) as Record<string, unknown>) : {};
  if (!file) for (const [pointer, value] of Object.entries(FLAG_DEFAULTS)) put(config, pointer, value);
  for (const [flag, value] of Object.entries(kubelet.flags)) {
    const field = FLAG_FIELDS[flag];
    if (field) put(config, field.pointer, flagValue(value, field.type));
  }
  for (const gate of (kubelet.flags['feature-gates'] ?? '').split(',')) {
    const [name, value] = gate.split('=').map((x) => x.trim());
    if (name && value) put(config, `/featureGates/${name}`, flagValue(value, 'bool'));
  }
  const source = `node report: kubelet command line ${cmdlineOf(kubelet)}${file ? ` and ${file.path} (${file.source})` : ', no --config'}`;
  return { kubelet: { node: report.node, config, source } };
}

/**
 * The kubelets to judge, node by node: the configuration /configz (or a manifest) gave, else the one
 * rebuilt from the node's report (its /configz could not be read, or was not asked); a node whose
 * /configz failed and whose report cannot stand in keeps the check from passing, with why.
 */
function kubeletsOf(inv: Inventory): { subjects: KubeletSubject[]; reasons: string[] } {
  // Every kubelet check asks: the rebuild from node reports (a JSON copy per node) is done once per scan.
  let known = kubeletsByInventory.get(inv);
  if (!known) kubeletsByInventory.set(inv, (known = collectKubelets(inv)));
  return known;
}

const kubeletsByInventory = scanCache<Inventory, { subjects: KubeletSubject[]; reasons: string[] }>();

function collectKubelets(inv: Inventory): { subjects: KubeletSubject[]; reasons: string[] } {
  const subjects: KubeletSubject[] = [...inv.kubelets];
  const judged = new Set(inv.kubelets.map((k) => k.node));
  const reasons: string[] = [];
  for (const report of inv.nodeReports) {
    if (judged.has(report.node)) continue;
    const got = kubeletFromReport(report);
    if (!got) continue;
    judged.add(report.node);
    if ('kubelet' in got) subjects.push(got.kubelet);
    else reasons.push(got.reason);
  }
  for (const c of inv.coverage) {
    if (c.key !== 'kubelets' || c.node === undefined || judged.has(c.node)) continue;
    judged.add(c.node);
    reasons.push(`kubelets on node ${c.node}: ${c.status ?? 'no response'} ${c.reason}, and no node report gives its kubelet's settings`);
  }
  return { subjects, reasons };
}

/**
 * A check over every kubelet's configuration: /configz first, the node agent's report of the
 * kubelet's command line (and configuration file) where /configz could not be read, with that
 * source named in the finding; not-assessed when neither exists.
 */
export function kubeletCheck<M extends string>(spec: KubeletCheckSpec<M>): Check<KubeletSubject, M> {
  const fails = (subject: KubeletSubject, inventory: Inventory): boolean => evaluationFails(spec.evaluate, subject, inventory);
  return defineCheck<KubeletSubject, M>({
    meta: { ...spec.meta, requires: ['kubelets'], supplements: ['nodeReports'], coverageByNode: ['kubelets'] },
    select(inv) {
      const { subjects, reasons } = kubeletsOf(inv);
      if (reasons.length) return subjects.some((s) => fails(s, inv)) ? subjects : notAssessed(firstNodes(reasons));
      return subjects.length ? subjects : notAssessed('no kubelet configuration could be read');
    },
    evaluate(kubelet, ctx) {
      if (!kubelet.source) return spec.evaluate(kubelet, ctx);
      const from = ` (${kubelet.source})`;
      spec.evaluate(kubelet, { ...ctx, report: (r) => ctx.report({ ...r, observed: `${r.observed ?? 'see message'}${from}` }) });
    },
  });
}

/**
 * A failing KubeletConfiguration for `example`, with these top-level YAML lines. It shows the effective
 * configuration as /configz reports it, and test/registry/examples.test.ts evaluates it that way.
 */
export function kubeletExample(lines: string[]): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
metadata:
  name: worker-1
  annotations: {kaudit.io/node: worker-1}
${lines.join('\n')}`;
}

export const KUBELET_REFERENCE = 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/';
export const KUBELET_REMEDIATION_TAIL =
  ' On kubeadm nodes the file is /var/lib/kubelet/config.yaml (cluster-wide defaults live in the kube-system ConfigMap kubelet-config); restart the kubelet afterwards (systemctl restart kubelet). A command-line flag overrides the file, so remove any conflicting flag from the kubelet unit.';
