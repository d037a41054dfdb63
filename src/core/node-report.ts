/**
 * Node reports: what `kaudit node` saw on one host (processes and flags, file modes and owners, the
 * encryption providers, the audit policy, the etcd CA comparison), the contract being
 * docs/node-report-schema.json. Whatever the source (a file, an agent pod's log, a snapshot), a report
 * enters kaudit through `parseNodeReport`: validated against the schema (unknown fields are refused,
 * so no key or secret field can ride along) and its flags sanitized again.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { NODE_REPORT_SCHEMA } from './node-report-schema.js';
import { sanitizeSettings } from './sanitize-settings.js';

export const NODE_REPORT_VERSION = 1;
export const NODE_REPORT_KIND = 'NodeReport';
/** A node report is a few KiB; anything near this is not one. */
export const MAX_NODE_REPORT_BYTES = 4 * 1024 * 1024;

export type NodeRole = 'control-plane' | 'worker';
export type Distribution = 'kubeadm' | 'k3s' | 'rke2' | 'unknown';
export type NodeComponentName =
  'kubelet' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kube-proxy' | 'k3s' | 'rke2';

export const FILE_ROLES = [
  'apiserver-manifest',
  'controller-manager-manifest',
  'scheduler-manifest',
  'etcd-manifest',
  'cni-dir',
  'cni',
  'etcd-data-dir',
  'admin-kubeconfig',
  'scheduler-kubeconfig',
  'controller-manager-kubeconfig',
  'pki-dir',
  'pki',
  'kubelet-service',
  'proxy-kubeconfig',
  'kubelet-kubeconfig',
  'kubelet-client-ca',
  'kubelet-config',
] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export interface NodeComponent {
  name: NodeComponentName;
  pid: number;
  /** Set when the component runs inside the k3s/rke2 process (flags from --<component>-arg). */
  embeddedIn?: 'k3s' | 'rke2';
  flags: Record<string, string>;
}

export interface NodeFile {
  role: FileRole;
  /** Path on the host (without --host-root). */
  path: string;
  /** Where the path came from ('kube-apiserver --client-ca-file', 'kubeadm default', ...). */
  source: string;
  exists: boolean;
  type?: 'file' | 'directory' | 'symlink' | 'other';
  /** Permission bits, octal ('0600'). */
  mode?: string;
  uid?: number;
  gid?: number;
  user?: string;
  group?: string;
}

export type EncryptionProvider = 'aescbc' | 'aesgcm' | 'secretbox' | 'kms' | 'identity' | 'unknown';

/** A KMS provider's plugin API: v2 (KMS v2, GA in 1.29) or the deprecated v1. */
export type KmsApiVersion = 'v1' | 'v2' | 'unknown';

export interface EncryptionSummary {
  path: string;
  source: string;
  /** `kmsApiVersions`: one per kms provider, in their order (absent in reports that predate it). */
  resources: { resources: string[]; providers: EncryptionProvider[]; kmsApiVersions?: KmsApiVersion[] }[];
}

export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';

export interface AuditRule {
  level: AuditLevel;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  namespaces?: string[];
  nonResourceURLs?: string[];
  resources?: { group?: string; resources?: string[]; resourceNames?: string[] }[];
}

export interface AuditPolicySummary {
  path: string;
  source: string;
  rules: AuditRule[];
}

export interface CaFile {
  path: string;
  source: string;
  /** sha256:<hex> of the certificate (DER). */
  fingerprint: string;
}

/**
 * The fields of the kubelet's configuration file (--config) the node agent keeps, as JSON pointers:
 * exactly those the kubelet checks judge (CIS 4.2.x), so they can be judged from the host when the
 * kubelet's /configz cannot be read. Nothing else of the file is kept.
 */
export const KUBELET_CONFIG_POINTERS = [
  '/authentication/anonymous/enabled',
  '/authentication/webhook/enabled',
  '/authentication/x509/clientCAFile',
  '/authorization/mode',
  '/readOnlyPort',
  '/streamingConnectionIdleTimeout',
  '/makeIPTablesUtilChains',
  '/eventRecordQPS',
  '/rotateCertificates',
  '/serverTLSBootstrap',
  '/podPidsLimit',
  '/seccompDefault',
  '/featureGates/RotateKubeletServerCertificate',
  '/tlsCertFile',
  '/tlsPrivateKeyFile',
  '/tlsCipherSuites',
] as const;

/** The kubelet's configuration file, reduced to KUBELET_CONFIG_POINTERS (values as the file has them). */
export interface KubeletConfigSummary {
  path: string;
  source: string;
  settings: Record<string, unknown>;
}

export interface NodeProblem {
  /** A file role, 'processes', 'encryption', 'auditPolicy' or 'etcdCa'. */
  what: string;
  path?: string;
  reason: string;
}

export interface NodeReport {
  kind: 'NodeReport';
  nodeReportVersion: 1;
  node: string;
  collectedAt: string;
  tool: { name: 'kaudit'; version: string };
  distribution: Distribution;
  roles: NodeRole[];
  components: NodeComponent[];
  files: NodeFile[];
  encryption?: EncryptionSummary;
  auditPolicy?: AuditPolicySummary;
  etcdCa?: { etcd: CaFile; cluster: CaFile; same: boolean };
  /** Absent in reports that predate it, or when the kubelet runs without --config. */
  kubeletConfig?: KubeletConfigSummary;
  problems: NodeProblem[];
}

let validator: { ajv: Ajv; validate: ValidateFunction; schema: unknown } | undefined;

function nodeReportValidator(): { ajv: Ajv; validate: ValidateFunction; schema: unknown } {
  if (!validator) {
    const schema = NODE_REPORT_SCHEMA;
    const ajv = new Ajv({
      allErrors: false,
      strict: true,
      formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/ },
    });
    validator = { ajv, validate: ajv.compile(schema), schema };
  }
  return validator;
}

/** What is wrong with a value that should be a node report (schema errors, first one), or undefined. */
export function nodeReportProblem(value: unknown): string | undefined {
  const { validate } = nodeReportValidator();
  if (validate(value)) return undefined;
  const v = value as { kind?: unknown; nodeReportVersion?: unknown } | null;
  if (!v || typeof v !== 'object' || v.kind !== NODE_REPORT_KIND) return 'not a kaudit node report (kind is not NodeReport)';
  if (v.nodeReportVersion !== NODE_REPORT_VERSION)
    return `not a kaudit node report of version ${NODE_REPORT_VERSION} (nodeReportVersion is ${JSON.stringify(v.nodeReportVersion)})`;
  const e = validate.errors?.[0];
  if (!e) return 'is invalid';
  // Only the schema's own field names are quoted: a key in the file may be anything, a secret included.
  const where = e.instancePath
    .split('/')
    .map((p) => (p === '' || /^\d+$/.test(p) || fieldNames().has(p) ? p : '*'))
    .join('/');
  return `${where || '(root)'} ${e.message ?? 'is invalid'}`;
}

let names: Set<string> | undefined;

/** Every property name the schema declares. */
function fieldNames(): Set<string> {
  if (!names) {
    names = new Set();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => names!.add(n));
        walk(v);
      }
    };
    walk(nodeReportValidator().schema);
  }
  return names;
}

/** A validated report with its flags sanitized (again), or the problem. */
export function parseNodeReport(value: unknown): { report: NodeReport } | { problem: string } {
  const problem = nodeReportProblem(value);
  if (problem) return { problem };
  const report = value as NodeReport;
  for (const c of report.components) c.flags = sanitizeSettings(c.flags);
  if (report.kubeletConfig) report.kubeletConfig.settings = sanitizeSettings(report.kubeletConfig.settings);
  return { report };
}

/**
 * A report from text: a file written by `kaudit node` (pretty or one line) or an agent's log, where
 * each run printed one line and the last report wins.
 */
export function parseNodeReportText(text: string): { report: NodeReport } | { problem: string } {
  const trimmed = text.trim();
  const candidate =
    trimmed.startsWith('{') && JSON_DOCUMENT_END.test(trimmed) && !trimmed.includes('\n{')
      ? trimmed
      : trimmed
          .split('\n')
          .filter((l) => l.trim().startsWith('{'))
          .pop();
  if (!candidate) return { problem: 'holds no node report (no JSON line)' };
  let value: unknown;
  try {
    value = JSON.parse(candidate);
  } catch {
    return { problem: 'the last report is not valid JSON (cut off?)' };
  }
  return parseNodeReport(value);
}

const JSON_DOCUMENT_END = /\}$/;

/** Clocks of node and scanner may differ a little; a report further in the future is not trusted. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** 90m → "90m", 24h → "24h", 48h → "2d": a maximum age as --node-report-max-age spells it. */
export function ageText(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 86_400_000) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/**
 * Why a report collected at `collectedAt` is not fresh at `now` (too old, or dated ahead of it
 * beyond the clock skew, or not a real date), as the end of a sentence; undefined when it is fresh.
 */
export function staleness(collectedAt: string, now: number, maxAgeMs: number): string | undefined {
  const age = now - Date.parse(collectedAt);
  // A date that does not parse (2026-13-45 passes the schema's pattern) or lies ahead is not fresh either.
  if (!Number.isFinite(age) || age < -CLOCK_SKEW_MS) return `has an unusable time (${collectedAt})`;
  if (age > maxAgeMs) return `is from ${collectedAt}, older than --node-report-max-age (${ageText(maxAgeMs)})`;
  return undefined;
}

/** The same node's reports: the newest wins (a node re-run, or a file given twice). */
export function newestPerNode(reports: NodeReport[]): NodeReport[] {
  const byNode = new Map<string, NodeReport>();
  for (const r of reports) {
    const seen = byNode.get(r.node);
    if (!seen || Date.parse(r.collectedAt) > Date.parse(seen.collectedAt)) byNode.set(r.node, r);
  }
  return [...byNode.values()].sort((a, b) => a.node.localeCompare(b.node));
}
