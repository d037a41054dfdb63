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
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
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
export const numberOf = (s: KubeletSetting): number => (typeof s.value === 'number' ? s.value : typeof s.value === 'string' && s.value.trim() !== '' ? Number(s.value) : Number.NaN);

/** A Go duration ("4h0m0s", "5m", "300ms", "0s", "0") in seconds; NaN when it is not one. */
export function durationSeconds(text: unknown): number {
  if (typeof text === 'number') return text / 1e9; // a bare number is nanoseconds
  if (typeof text !== 'string' || !text.trim()) return Number.NaN;
  const t = text.trim();
  if (/^[+-]?0$/.test(t)) return 0;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
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

/** A check over every kubelet's configuration; not-assessed when none could be read. */
export function kubeletCheck<M extends string>(spec: KubeletCheckSpec<M>): Check<KubeletConfigInfo, M> {
  return defineCheck<KubeletConfigInfo, M>({
    meta: { ...spec.meta, requires: ['kubelets'] },
    select: (inv) => (inv.kubelets.length ? inv.kubelets : notAssessed('no kubelet configuration could be read')),
    evaluate: spec.evaluate,
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
