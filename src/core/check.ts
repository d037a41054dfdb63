/**
 * The check contract (see docs/writing-a-check.md): meta + select + evaluate, pure and synchronous,
 * in the manner of an ESLint rule. The engine calls `select` once, `evaluate` once per subject, and
 * turns `ctx.report` calls into findings with evidence.
 */
import type { ComponentInstance, Inventory, InventorySource, InventoryKey, KubeletConfigInfo } from './inventory.js';
import type { KObject } from './k8s.js';
import type { Severity } from './severity.js';
import { scanCache } from './scan-cache.js';

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * The type of an options object, read from its JSON schema (the subset option schemas use: object
 * properties, arrays with items, string, number, integer, boolean, null and unions of types). The
 * engine validates overrides against the schema and merges them over the defaults, so every
 * property is present. A check without a schema (or the engine's view of any check) gets a record;
 * so does a schema whose `type` was widened to `string` (declare a shared schema `as const`).
 */
export type OptionsOf<S> = unknown extends S
  ? Record<string, unknown>
  : SchemaValue<S> extends infer V extends Record<string, unknown>
    ? V
    : Record<string, unknown>;
type SchemaValue<S> = S extends { type: readonly (infer U)[] } ? TypeValue<U, S> : S extends { type: infer U } ? TypeValue<U, S> : unknown;
type TypeValue<U, S> = U extends 'string'
  ? string
  : U extends 'number' | 'integer'
    ? number
    : U extends 'boolean'
      ? boolean
      : U extends 'null'
        ? null
        : U extends 'array'
          ? readonly (S extends { items: infer I } ? SchemaValue<I> : unknown)[]
          : U extends 'object'
            ? S extends { properties: infer P }
              ? { readonly [K in keyof P]: SchemaValue<P[K]> }
              : Record<string, unknown>
            : unknown;

/** A check's tunables: defaults (checked against the schema's type) and the JSON schema of the options object. */
export interface CheckOptionsSpec<S> {
  defaults: NoInfer<OptionsOf<S>>;
  schema: S;
}

export interface CheckMeta<M extends string = string, S = unknown> {
  /** Equal to the file name; stable forever. */
  id: string;
  title: string;
  /** What is checked and why it matters, for docs and `kaudit checks explain`. */
  description: string;
  severity: Severity;
  /** Inventory keys the check reads; the collector fetches their union. */
  requires: readonly InventoryKey[];
  /**
   * Keys whose *missing* objects produce findings (no NetworkPolicy in a namespace, no binding for a
   * service account). When any read of them failed, the check does not judge at all (not-assessed):
   * an unread object must not look like an absent one.
   */
  judgesAbsence?: readonly InventoryKey[];
  /**
   * Namespaces the check's data lives in whatever namespaces are scanned: `['kube-system']` (the
   * kube-proxy DaemonSet), or `'all'` when it looks for objects anywhere (a CNI agent's DaemonSet).
   * With -n or --exclude-namespace leaving one of them out, the check is not run and its controls
   * are not-assessed, "outside the scanned namespaces". Checks requiring `controlPlane` (static pods
   * in kube-system) have `['kube-system']` without saying so.
   */
  dataNamespaces?: readonly string[] | 'all';
  /**
   * Keys whose failed reads on one node (coverage entries naming a node, such as a node agent's log
   * that is missing or stale) the check weighs itself, node by node: the engine does not turn them
   * into gaps of the whole check. Entries that name no node stay gaps.
   */
  coverageByNode?: readonly InventoryKey[];
  /**
   * Keys read only to fill in what the required keys lack (node reports for kubelets whose /configz
   * could not be read): collected with the rest, but never gaps of the check; it weighs them itself.
   */
  supplements?: readonly InventoryKey[];
  /** Message templates with {{placeholders}}, by message id. */
  messages: Record<M, string>;
  remediation: string;
  references?: string[];
  /**
   * Tunables with defaults; `schema` is a JSON Schema of the options object, and the type of the
   * options `select` and `ctx.options` receive (OptionsOf): write it inline, or `as const`.
   */
  options?: CheckOptionsSpec<S>;
  /** A failing manifest for `kaudit checks explain` (YAML). */
  example?: string;
  /** Options under which the example fails, when the defaults judge nothing (an allow-list to break). */
  exampleOptions?: Record<string, unknown>;
  /**
   * The findings keep the order `select` gives its subjects (a ranking: most urgent first) instead of
   * being sorted by object. Reports list a control's checks by id, each check's findings in its order.
   */
  ordered?: boolean;
  /**
   * What a pass of this check did not verify, read from the Inventory: one sentence, or undefined
   * when nothing limits it (the network checks name the policy kinds served that kaudit does not
   * evaluate, which may admit traffic the policies it read deny). The engine asks once per scan when
   * the check ran (in scope, judgeable, no error) and keeps the answer on the outcome; a control
   * that passes gives its checks' caveats as its reason, and so does a passing evidence entry. It
   * never changes a status, nor the reason of any other status.
   */
  caveat?: (inv: Inventory) => string | undefined;
}

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number | boolean | undefined>;
  /** JSON pointer into the resource, e.g. /spec/template/spec/containers/0/securityContext/privileged. */
  path?: string;
  observed?: string;
  expected?: string;
  /** Defaults to the subject being evaluated. */
  resource?: ResourceRef;
  /** Pods this finding affects (owner attribution). */
  podCount?: number;
}

export interface CheckContext<M extends string = string, S = unknown> {
  report(r: Report<M>): void;
  readonly options: OptionsOf<S>;
  readonly inventory: Inventory;
}

/** What `select` returns when there is nothing that could be judged, and why. */
export interface Unjudgeable {
  /** `manual`: a human must decide, and the reason carries the evidence found (registries in use, say). */
  status: 'not-applicable' | 'not-assessed' | 'manual';
  reason: string;
}

export type Selection<T> = Iterable<T> | Unjudgeable;

export interface Check<T = unknown, M extends string = string, S = unknown> {
  meta: CheckMeta<M, S>;
  select(inv: Inventory, options: OptionsOf<S>): Selection<T>;
  evaluate(subject: T, ctx: CheckContext<M, S>): void;
  /** The resource a subject stands for, when it is not a Kubernetes object itself. */
  resourceOf?(subject: T): ResourceRef;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = Check<any, string, any>;

/** `S`, the options schema, is inferred as written (const), so the options are typed from it. */
export function defineCheck<T, M extends string, const S = unknown>(check: Check<T, M, S>): Check<T, M, S> {
  return check;
}

export const isUnjudgeable = (s: unknown): s is Unjudgeable =>
  typeof s === 'object' && s !== null && 'status' in s && 'reason' in s && !(Symbol.iterator in s);

/** The namespaces a check's data lives in (see CheckMeta.dataNamespaces), or undefined when it judges what is scanned. */
export function dataNamespacesOf(meta: Pick<CheckMeta, 'dataNamespaces' | 'requires'>): readonly string[] | 'all' | undefined {
  return meta.dataNamespaces ?? (meta.requires.includes('controlPlane') ? ['kube-system'] : undefined);
}

/**
 * Why a check cannot be judged within the scanned namespaces (-n, --exclude-namespace): its data
 * lives in a namespace left out. Undefined when the scope holds all it needs.
 */
export function outsideScanScope(
  meta: Pick<CheckMeta, 'dataNamespaces' | 'requires'>,
  source: Pick<InventorySource, 'namespaces' | 'excludedNamespaces'>,
): string | undefined {
  const needed = dataNamespacesOf(meta);
  const only = source.namespaces?.length ? source.namespaces : undefined;
  const excluded = source.excludedNamespaces ?? [];
  if (!needed || (!only && !excluded.length)) return undefined;
  const scope = [only ? `-n ${only.join(',')}` : '', excluded.length ? `--exclude-namespace ${excluded.join(',')}` : '']
    .filter(Boolean)
    .join(' ');
  if (needed === 'all') return `outside the scanned namespaces (${scope}): this check looks for its objects in every namespace`;
  const missing = needed.filter((ns) => (only !== undefined && !only.includes(ns)) || excluded.includes(ns));
  return missing.length ? `outside the scanned namespaces (${scope}): its data lives in ${missing.join(', ')}` : undefined;
}

export const notApplicable = (reason: string): Unjudgeable => ({ status: 'not-applicable', reason });
export const notAssessed = (reason: string): Unjudgeable => ({ status: 'not-assessed', reason });
export const needsReview = (reason: string): Unjudgeable => ({ status: 'manual', reason });

// One reference per object and scan, whichever checks report on it (an object with findings has
// them from several checks: 112,600 references for 124,854 findings at 50,000 pods before).
const objectRefs = scanCache<object, ResourceRef>();

/** Resource reference of a subject: a Kubernetes object, a control-plane component or a kubelet. */
export function refOf(subject: unknown): ResourceRef | undefined {
  const s = subject as Partial<KObject & ComponentInstance & KubeletConfigInfo> & { object?: KObject };
  if (s.object?.kind) return refOf(s.object);
  if (typeof s.kind === 'string' && s.metadata) {
    let ref = objectRefs.get(s);
    if (!ref)
      objectRefs.set(s, (ref = { apiVersion: s.apiVersion ?? '', kind: s.kind, namespace: s.metadata.namespace, name: s.metadata.name }));
    return ref;
  }
  if (s.component && s.pod) return { apiVersion: 'v1', kind: 'Pod', namespace: s.pod.namespace, name: s.pod.name };
  if (typeof s.node === 'string' && s.config) return { apiVersion: 'v1', kind: 'Node', name: s.node };
  return undefined;
}

/**
 * A message template split once into literal text and placeholders: every finding formats one, and
 * a scan formats hundreds of thousands from a few hundred templates.
 */
interface CompiledTemplate {
  /** Literal text at even indexes, placeholder keys at odd indexes. */
  parts: string[];
  /** The placeholders as written (`{{ key }}`), shown when the key has no value. */
  whole: string[];
}

const compiledTemplates = new Map<string, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (compiled) return compiled;
  compiled = { parts: [], whole: [] };
  let last = 0;
  for (const m of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    compiled.parts.push(template.slice(last, m.index), m[1] ?? '');
    compiled.whole.push(m[0]);
    last = m.index + m[0].length;
  }
  compiled.parts.push(template.slice(last));
  compiledTemplates.set(template, compiled);
  return compiled;
}

/** Fills {{placeholders}}; an unknown placeholder stays visible rather than vanishing. */
export function formatMessage(template: string, data: Report<string>['data'] = {}): string {
  const { parts, whole } = compileTemplate(template);
  if (parts.length === 1) return template;
  // join gives one flat string; += would keep a tree of pieces alive in every finding's message.
  const out = parts.slice();
  for (let i = 1; i < parts.length; i += 2) {
    const value = data[parts[i] ?? ''];
    out[i] = value === undefined ? (whole[(i - 1) / 2] ?? '') : String(value);
  }
  return out.join('');
}
