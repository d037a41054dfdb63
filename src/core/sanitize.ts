/**
 * Applied to every object as it enters an Inventory (live, manifests, snapshot), so nothing that
 * could carry a secret value is kept: managedFields, the last-applied-configuration annotation,
 * Secret data, ConfigMap values, literal env values and the values of credential-named command-line
 * flags (`--db-password=...`). Key and flag names stay, as evidence. The status of
 * pods and workloads goes too: nothing judges it, and it is much of what a large cluster weighs.
 */

/**
 * The only ConfigMap content kept: named, non-secret settings of well-known system components that
 * checks judge (CIS 4.3.1 reads kube-proxy's metricsBindAddress from its config file). They are
 * kept under `settings[key][field]`; every other value of every ConfigMap is dropped.
 */
export const CONFIGMAP_SETTINGS: readonly { namespace: string; name: string; key: string; fields: readonly string[] }[] = [
  { namespace: 'kube-system', name: 'kube-proxy', key: 'config.conf', fields: ['metricsBindAddress', 'healthzBindAddress', 'bindAddress', 'mode'] },
];
import { parse } from 'yaml';
import type { Container, KObject, RedactedValue } from './k8s.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Kinds whose status no check judges; it is a third of a pod's size, so it is dropped (a pod keeps its phase). */
const STATUS_DROPPED = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export function sanitizeObject(obj: KObject): KObject {
  const meta = obj.metadata;
  if (STATUS_DROPPED.has(obj.kind) && obj.status !== undefined) {
    if (obj.kind === 'Pod' && obj.status?.phase) obj.status = { phase: obj.status.phase };
    else delete obj.status;
  }
  if (meta && typeof meta === 'object') {
    delete meta.managedFields;
    sanitizeAnnotations(meta);
  }
  for (const templateMeta of [obj.spec?.template?.metadata, obj.spec?.jobTemplate?.metadata, obj.spec?.jobTemplate?.spec?.template?.metadata]) {
    if (templateMeta && typeof templateMeta === 'object') sanitizeAnnotations(templateMeta);
  }
  if (obj.kind === 'Secret') {
    const keys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.stringData ?? {})];
    delete obj.data;
    delete obj.stringData;
    if (keys.length) obj.dataKeys = [...new Set(keys)].sort();
  } else if (obj.kind === 'ConfigMap') {
    const keys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})];
    const settings = obj.data ? keptSettings(obj) : prunedSettings(obj);
    if (settings) obj.settings = settings;
    else delete obj.settings;
    delete obj.data;
    delete obj.binaryData;
    if (keys.length) obj.dataKeys = keys.sort();
  }
  for (const spec of podSpecsOf(obj)) {
    for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
      if (Array.isArray(list)) list.forEach(redactContainer);
    }
  }
  return obj;
}

function keptSettings(cm: KObject): Record<string, Record<string, unknown>> | undefined {
  let kept: Record<string, Record<string, unknown>> | undefined;
  for (const rule of CONFIGMAP_SETTINGS) {
    if (cm.metadata?.namespace !== rule.namespace || cm.metadata.name !== rule.name) continue;
    const text = cm.data?.[rule.key];
    if (typeof text !== 'string') continue;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      continue; // unreadable: the check reports the setting as not readable
    }
    if (!doc || typeof doc !== 'object') continue;
    const picked = Object.fromEntries(rule.fields.filter((f) => f in (doc as object)).map((f) => [f, (doc as Record<string, unknown>)[f]]).filter(([, v]) => v === null || typeof v !== 'object'));
    (kept ??= {})[rule.key] = picked;
  }
  return kept;
}

/** Settings already kept (a snapshot being loaded): only allowlisted scalar fields survive. */
function prunedSettings(cm: KObject): Record<string, Record<string, unknown>> | undefined {
  const existing = cm.settings as Record<string, Record<string, unknown>> | undefined;
  if (!existing || typeof existing !== 'object') return undefined;
  let kept: Record<string, Record<string, unknown>> | undefined;
  for (const rule of CONFIGMAP_SETTINGS) {
    const values = existing[rule.key];
    if (cm.metadata?.namespace !== rule.namespace || cm.metadata.name !== rule.name || !values || typeof values !== 'object') continue;
    (kept ??= {})[rule.key] = Object.fromEntries(rule.fields.filter((f) => f in values && (values[f] === null || typeof values[f] !== 'object')).map((f) => [f, values[f]]));
  }
  return kept;
}

/**
 * Annotations that hold whole copies of an object or credentials: last-applied-configuration (dropped),
 * and values of keys naming secrets, tokens, passwords, auth, snippets or an "original" copy
 * (`kapp.k14s.io/original`, ingress auth snippets), which are redacted. Keys stay.
 */
const SENSITIVE_ANNOTATION = /(password|passwd|secret|token|credential|auth|snippet|original|private-?key)/i;

function sanitizeAnnotations(meta: { annotations?: unknown }): void {
  const annotations = meta.annotations;
  if (!annotations || typeof annotations !== 'object') return;
  const keys = Object.keys(annotations).join('\n');
  if (!keys.includes(LAST_APPLIED) && !SENSITIVE_ANNOTATION.test(keys)) return; // the common case, left as is
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations as Record<string, unknown>)) {
    if (key === LAST_APPLIED) continue;
    kept[key] = SENSITIVE_ANNOTATION.test(key) && !SAFE_ANNOTATIONS.has(key) ? REDACTED : (value as string);
  }
  meta.annotations = kept;
}

/** Annotations checks read whose keys look sensitive but whose values are not (service-account token Secrets name their account). */
const SAFE_ANNOTATIONS = new Set(['kubernetes.io/service-account.name', 'kubernetes.io/service-account.uid']);

/** Pod specs inside an object: a Pod's, a workload's template, a CronJob's job template. */
function podSpecsOf(obj: KObject): { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] }[] {
  const specs = [obj.spec, obj.spec?.template?.spec, obj.spec?.jobTemplate?.spec?.template?.spec, obj.template?.spec];
  return specs.filter((s) => s && typeof s === 'object');
}

function redactContainer(container: Container): void {
  if (!container || typeof container !== 'object') return;
  if (Array.isArray(container.command)) container.command = redactArgs(container.command) as string[];
  if (Array.isArray(container.args)) container.args = redactArgs(container.args) as string[];
  for (const env of Array.isArray(container.env) ? container.env : []) {
    if (!env || typeof env !== 'object') continue;
    // A manifest may hold an unquoted number or boolean (DB_PASSWORD: 12345678): it is a literal too.
    if (env.value !== undefined && env.value !== null) {
      env.valueRedacted = classifyLiteral(String(env.value));
      delete env.value;
    }
  }
  // Probe and lifecycle HTTP headers carry tokens (Authorization: Bearer ...): names stay, values go.
  for (const handler of [container.livenessProbe, container.readinessProbe, container.startupProbe, (container.lifecycle as Record<string, unknown> | undefined)?.postStart, (container.lifecycle as Record<string, unknown> | undefined)?.preStop]) {
    const headers = (handler as { httpGet?: { httpHeaders?: { name?: string; value?: unknown }[] } } | undefined)?.httpGet?.httpHeaders;
    if (Array.isArray(headers)) for (const h of headers) if (h && typeof h === 'object' && h.value !== undefined) h.value = REDACTED;
  }
}

/** Flags whose value is a credential, not a reference to one (`--token-auth-file=/path` is a path). */
const CREDENTIAL_FLAG = /^--?[\w.-]*(password|passwd|secret|token|api-?key|apikey|credential|private-?key)[\w.-]*$/i;
export const REDACTED = '<redacted>';

/** `--db-password=x` and `--db-password x` keep the flag and lose the value; file paths and $(VAR) references stay. */
const MAY_HOLD_CREDENTIAL = /(password|passwd|secret|token|api-?key|apikey|credential|private-?key)/i;

function redactArgs(words: unknown[]): unknown[] {
  // Hot path (every container of every pod): one test of the whole line before looking at words.
  if (!MAY_HOLD_CREDENTIAL.test(words.join(' '))) return words;
  const out = [...words];
  for (let i = 0; i < out.length; i++) {
    const word = out[i];
    if (typeof word !== 'string' || !word.startsWith('-')) continue;
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (!CREDENTIAL_FLAG.test(flag)) continue;
    if (eq > 0) {
      if (isLiteralSecret(word.slice(eq + 1))) out[i] = `${flag}=${REDACTED}`;
    } else if (typeof out[i + 1] === 'string' && !(out[i + 1] as string).startsWith('-') && isLiteralSecret(out[i + 1] as string)) {
      out[i + 1] = REDACTED;
    }
  }
  return out;
}

// Booleans in every spelling Go's ParseBool accepts, and numbers, are settings, not credentials.
const NOT_A_SECRET = /^(1|0|t|f|true|false|-?\d+(\.\d+)?)$/i;
const isLiteralSecret = (value: string): boolean => value !== '' && !value.startsWith('/') && !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value) && !NOT_A_SECRET.test(value);

/** The shape of a literal value, so checks can judge it without the value being kept (not even in a cache). */
export function classifyLiteral(value: string): RedactedValue {
  const length = value.length;
  let shape: RedactedValue['shape'] = 'plain';
  if (length === 0) shape = 'empty';
  else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) shape = 'private-key';
  // Kubernetes expands $(VAR) from other env entries: the credential, if any, lives there.
  else if (ENV_REFERENCE.test(value)) shape = referenceShape(value);
  else if (/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(value)) shape = 'jwt';
  else if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(value)) shape = 'aws-access-key';
  else if (URL_CREDENTIALS.test(value)) shape = 'url-with-credentials';
  else if (length >= 16 && !/\s/.test(value) && shannonBitsPerChar(value) >= 3.5) shape = 'high-entropy';
  return { length, shape };
}

const ENV_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_]*\)/;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i;

/** A URL whose password is a literal still carries a credential, even when other parts are references. */
function referenceShape(value: string): RedactedValue['shape'] {
  const password = URL_CREDENTIALS.exec(value)?.[1];
  return password !== undefined && !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(password) ? 'url-with-credentials' : 'env-reference';
}

// Reused counters for ASCII (nearly every env literal); other characters fall back to a Map.
const asciiCounts = new Uint32Array(128);

function shannonBitsPerChar(s: string): number {
  let other: Map<number, number> | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) asciiCounts[c]++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let bits = 0;
  const add = (n: number): void => {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && asciiCounts[c]) {
      add(asciiCounts[c]);
      asciiCounts[c] = 0; // counted once, and the table is clean for the next call
    }
  }
  other?.forEach(add);
  return bits;
}
