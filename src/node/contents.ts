/**
 * The only file contents the node agent keeps, each reduced on the spot to what a check needs:
 * - the EncryptionConfiguration: provider types in order per resource list and the apiVersion (v1/v2)
 *   of KMS providers (never a key, a secret, a KMS endpoint or name);
 * - the audit Policy: its rules' levels, users, groups, verbs, namespaces and resources;
 * - the etcd CA and the cluster CA: compared by certificate fingerprint (public certificates);
 * - path fields of the kubelet and kube-proxy configuration files (see layout.ts), and of the kubelet's
 *   the fields its checks judge (KUBELET_CONFIG_POINTERS), for when /configz cannot be read.
 * Each file is read bounded in size; what cannot be read or parsed becomes a problem with its reason.
 */
import { X509Certificate } from 'node:crypto';
import { parse } from 'yaml';
import {
  KUBELET_CONFIG_POINTERS,
  type AuditLevel,
  type AuditPolicySummary,
  type AuditRule,
  type CaFile,
  type EncryptionProvider,
  type EncryptionSummary,
  type KmsApiVersion,
  type KubeletConfigSummary,
  type NodeProblem,
} from '../core/node-report.js';
import { readFileBounded } from '../io/read-bounded.js';
import { isRecord } from '../core/shape.js';
import { onHost } from './files.js';
import type { PathCandidate } from './layout.js';

const MAX_CONFIG_BYTES = 1024 * 1024;
const PROVIDERS: readonly EncryptionProvider[] = ['aescbc', 'aesgcm', 'secretbox', 'kms', 'identity'];
const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

type Read<T> = { value: T } | { problem: NodeProblem };

const readBounded = (hostRoot: string, path: string): string => readFileBounded(onHost(hostRoot, path), MAX_CONFIG_BYTES);

/** A YAML or JSON document as a mapping; the parser's message never quotes the text (it may hold a key). */
function readDocument(hostRoot: string, what: string, at: PathCandidate): Read<Record<string, unknown>> {
  let text: string;
  try {
    text = readBounded(hostRoot, at.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: { what, path: at.path, reason: `cannot read (${code ?? 'error'})` } };
  }
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: false });
  } catch {
    return { problem: { what, path: at.path, reason: 'not valid YAML or JSON' } };
  }
  return isRecord(doc) ? { value: doc } : { problem: { what, path: at.path, reason: 'not a mapping' } };
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);

export function readEncryption(hostRoot: string, at: PathCandidate): Read<EncryptionSummary> {
  const doc = readDocument(hostRoot, 'encryption', at);
  if ('problem' in doc) return doc;
  if (doc.value.kind !== 'EncryptionConfiguration' || !Array.isArray(doc.value.resources)) {
    return { problem: { what: 'encryption', path: at.path, reason: 'not an EncryptionConfiguration with resources' } };
  }
  const resources = doc.value.resources.filter(isRecord).map((r) => {
    // Each provider is a one-key mapping ({aescbc: {keys: [...]}}): only that key's name is kept, and
    // of a kms provider its apiVersion (v1 when unset, as the API server defaults it), never its name or endpoint.
    const listed = (Array.isArray(r.providers) ? r.providers : []).filter(isRecord);
    const providers = listed.map((p): EncryptionProvider => {
      const type = Object.keys(p)[0] ?? '';
      return (PROVIDERS as readonly string[]).includes(type) ? (type as EncryptionProvider) : 'unknown';
    });
    const kmsApiVersions = listed
      .filter((_, i) => providers[i] === 'kms')
      .map((p): KmsApiVersion => {
        const version = isRecord(p.kms) ? p.kms.apiVersion : undefined;
        return version === undefined ? 'v1' : version === 'v1' || version === 'v2' ? version : 'unknown';
      });
    return { resources: strings(r.resources) ?? [], providers, ...(kmsApiVersions.length ? { kmsApiVersions } : {}) };
  });
  return { value: { path: at.path, source: at.source, resources } };
}

export function readAuditPolicy(hostRoot: string, at: PathCandidate): Read<AuditPolicySummary> {
  const doc = readDocument(hostRoot, 'auditPolicy', at);
  if ('problem' in doc) return doc;
  if (doc.value.kind !== 'Policy' || !Array.isArray(doc.value.rules))
    return { problem: { what: 'auditPolicy', path: at.path, reason: 'not an audit Policy with rules' } };
  const rules: AuditRule[] = [];
  for (const r of doc.value.rules.filter(isRecord)) {
    if (!(LEVELS as readonly unknown[]).includes(r.level))
      return { problem: { what: 'auditPolicy', path: at.path, reason: `a rule has no valid level (one of ${LEVELS.join(', ')})` } };
    const rule: AuditRule = { level: r.level as AuditLevel };
    for (const key of ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const) {
      const list = strings(r[key]);
      if (list) rule[key] = list;
    }
    if (Array.isArray(r.resources)) {
      rule.resources = r.resources.filter(isRecord).map((g) => {
        const out: NonNullable<AuditRule['resources']>[number] = {};
        if (typeof g.group === 'string') out.group = g.group;
        const res = strings(g.resources);
        const names = strings(g.resourceNames);
        if (res) out.resources = res;
        if (names) out.resourceNames = names;
        return out;
      });
    }
    rules.push(rule);
  }
  return { value: { path: at.path, source: at.source, rules } };
}

/** sha256:<hex> of the first certificate of a PEM file. */
export function readCaFingerprint(hostRoot: string, at: PathCandidate): Read<CaFile> {
  let text: string;
  try {
    text = readBounded(hostRoot, at.path);
  } catch (err) {
    return { problem: { what: 'etcdCa', path: at.path, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  try {
    if (!pem) throw new Error('no certificate');
    const fingerprint = `sha256:${new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase()}`;
    return { value: { path: at.path, source: at.source, fingerprint } };
  } catch {
    return { problem: { what: 'etcdCa', path: at.path, reason: 'no PEM certificate could be parsed' } };
  }
}

/** Path fields of a configuration file (kubelet --config, kube-proxy --config): nothing else is kept. */
export function readPathFields(hostRoot: string, at: PathCandidate, pointers: Record<string, string>): Read<Record<string, PathCandidate>> {
  const doc = readDocument(hostRoot, 'config', at);
  if ('problem' in doc) return doc;
  const out: Record<string, PathCandidate> = {};
  for (const [name, pointer] of Object.entries(pointers)) {
    let node: unknown = doc.value;
    for (const part of pointer.split('.')) node = isRecord(node) ? node[part] : undefined;
    if (typeof node === 'string' && node) out[name] = { path: node, source: `${at.source.replace(/ --config$/, ' config')} ${pointer}` };
  }
  return { value: out };
}

/** The kubelet's configuration file reduced to KUBELET_CONFIG_POINTERS: scalars and string lists only. */
export function readKubeletSettings(hostRoot: string, at: PathCandidate): Read<KubeletConfigSummary> {
  const doc = readDocument(hostRoot, 'kubelet-config', at);
  if ('problem' in doc) return doc;
  if (doc.value.kind !== 'KubeletConfiguration')
    return { problem: { what: 'kubelet-config', path: at.path, reason: 'not a KubeletConfiguration' } };
  const settings: Record<string, unknown> = {};
  for (const pointer of KUBELET_CONFIG_POINTERS) {
    const parts = pointer.split('/').slice(1);
    let node: unknown = doc.value;
    for (const part of parts) node = isRecord(node) ? node[part] : undefined;
    const kept = ['string', 'number', 'boolean'].includes(typeof node) ? node : strings(node);
    if (kept === undefined) continue;
    let into = settings;
    for (const part of parts.slice(0, -1)) into = (into[part] ??= {}) as Record<string, unknown>;
    into[parts[parts.length - 1] ?? ''] = kept;
  }
  return { value: { path: at.path, source: at.source, settings } };
}
