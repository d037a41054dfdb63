/**
 * Cilium and Calico policies compiled into the model's `CompiledPolicy` (netpol-model.ts), so the
 * isolation checks, the per-namespace counts and `netpol reach` take them into account unchanged.
 *
 * Cilium (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy; `spec` or `specs`):
 * - `endpointSelector` is a LabelSelector whose keys may carry a source prefix: `k8s:` and `any:` are
 *   pod labels; `io.kubernetes.pod.namespace` is the namespace's name and
 *   `io.cilium.k8s.namespace.labels.K` its label K; `reserved:` keys are not pods (select none).
 *   Another prefix, or `io.cilium.k8s.policy.*` (service account, cluster), is not understood.
 *   `nodeSelector` (host policies) selects no pod.
 * - A direction is isolated when the rule has a non-empty `ingress`/`ingressDeny` (`egress`/`egressDeny`)
 *   section, `[{}]` included, unless `enableDefaultDeny` says false for it (Cilium's own defaulting).
 * - Allow rules: `fromEndpoints`/`toEndpoints` (in a namespaced policy, the policy's namespace unless
 *   the selector names one), entities (`all`: any peer; `world`: every address; `cluster`: every pod),
 *   `fromCIDR`/`fromCIDRSet` (address blocks), `toPorts`. A rule with ports but no peer admits any
 *   peer on them; a rule with neither admits nothing. Deny sections isolate; what they deny is not
 *   subtracted from what allow rules admit (noted on the policy).
 *
 * Calico (crd.projectcalico.org/v1 NetworkPolicy, GlobalNetworkPolicy):
 * - `selector` (netpol-calico-selector.ts; missing: `all()`) over the pod's labels plus
 *   `projectcalico.org/namespace`, `projectcalico.org/orchestrator: k8s` and `pcns.K` for the
 *   namespace's labels; a GlobalNetworkPolicy's `namespaceSelector` over the namespace's labels plus
 *   `projectcalico.org/name`. `serviceAccountSelector`, and `doNotTrack`/`preDNAT` (host endpoints only),
 *   are not understood.
 * - `types` defaults as Calico does: Ingress, plus Egress when there are egress rules, and Egress
 *   alone when there are egress rules and no ingress rule.
 * - Allow rules are the allow list (peers from `source` for ingress, `destination` for egress: nets
 *   as address blocks, selector/namespaceSelector as pods; ports from `destination.ports` with the
 *   rule's `protocol`). Deny rules are not subtracted (noted). A Pass rule hands what it matches to
 *   the next tier, where Calico's Kubernetes profile allows what no later policy selects: it is read
 *   as an allow of its own peers and ports that never counts as allowing everything, and a Pass rule
 *   matching every peer on every port makes the policy not isolating in that direction. An Allow
 *   rule after a Deny or Pass rule in the same policy never counts as allowing everything. `order`
 *   across policies, and tiers, are not modelled.
 *
 * A selector kaudit cannot read makes the policy "not understood": it selects nothing (no pod counts
 * as isolated by it) and is named in the evidence of the isolation checks.
 */
import type { Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { labelsMatch, selectorRequirements, type LabelRequirement, type Labels } from '../../src/core/label-selector.js';
import { calicoMatches, parseCalicoSelector, type CalicoSelector } from './netpol-calico-selector.js';
import type { CompiledPolicy, CompiledRule, Direction, EndpointSelector, PeerMatch, PortMatch } from './netpol-types.js';

type CrdPolicies = Pick<
  Inventory,
  'ciliumNetworkPolicies' | 'ciliumClusterwideNetworkPolicies' | 'calicoNetworkPolicies' | 'calicoGlobalNetworkPolicies'
>;

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EVERY_ADDRESS: PeerMatch[] = [
  { type: 'ipBlock', cidr: '0.0.0.0/0', except: [] },
  { type: 'ipBlock', cidr: '::/0', except: [] },
];

class NotUnderstood extends Error {}

// ---------------------------------------------------------------------------------------------- Cilium

const CILIUM_NAMESPACE = 'io.kubernetes.pod.namespace';
const CILIUM_NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';

/** A Cilium endpoint selector; throws NotUnderstood for keys kaudit cannot map to pods. */
function ciliumSelector(raw: unknown, clusterWide: boolean): EndpointSelector {
  const reqs = selectorRequirements(raw);
  if (!reqs) throw new NotUnderstood('a malformed endpoint selector');
  const pods: LabelRequirement[] = [];
  const namespaces: LabelRequirement[] = [];
  let reserved = false;
  for (const r of reqs) {
    const colon = r.key.indexOf(':');
    const source = colon < 0 ? '' : r.key.slice(0, colon);
    const key = colon < 0 ? r.key : r.key.slice(colon + 1);
    if (source === 'reserved') {
      reserved = true;
      continue;
    }
    if (source !== '' && source !== 'k8s' && source !== 'any') throw new NotUnderstood(`label source "${source}:" in key ${r.key}`);
    if (key === CILIUM_NAMESPACE) namespaces.push({ ...r, key: NAMESPACE_NAME_LABEL });
    else if (key.startsWith(CILIUM_NAMESPACE_LABELS)) namespaces.push({ ...r, key: key.slice(CILIUM_NAMESPACE_LABELS.length) });
    else if (key.startsWith('io.cilium.k8s.policy.')) throw new NotUnderstood(`key ${r.key} (not a pod label)`);
    else pods.push({ ...r, key });
  }
  if (reserved) return { pods: () => false, everyPod: false, nonPod: true };
  return {
    namespaces: namespaces.length ? (_name, nsLabels) => labelsMatch(namespaces, nsLabels) : undefined,
    everyNamespace: clusterWide && !namespaces.length,
    pods: (labels) => labelsMatch(pods, labels),
    everyPod: !pods.length,
  };
}

function ciliumPorts(toPorts: unknown): PortMatch[] | 'any' {
  const ports: PortMatch[] = [];
  for (const tp of list(toPorts)) {
    for (const raw of list(isObject(tp) ? tp.ports : undefined)) {
      const p = isObject(raw) ? raw : {};
      const protocol = typeof p.protocol === 'string' ? p.protocol : 'ANY';
      const text = typeof p.port === 'number' ? String(p.port) : typeof p.port === 'string' ? p.port : '';
      const port = /^\d+$/.test(text) ? Number(text) : text || undefined;
      ports.push({
        protocol,
        port: port === 0 ? undefined : port,
        endPort: typeof p.endPort === 'number' && typeof port === 'number' ? p.endPort : undefined,
      });
    }
  }
  return ports.length ? ports : 'any';
}

const L3_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromRequires', 'fromGroups', 'fromNodes'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toRequires', 'toGroups', 'toNodes', 'toFQDNs', 'toServices'],
};

function ciliumRule(raw: unknown, index: number, d: Direction, clusterWide: boolean, notes: Set<string>): CompiledRule | undefined {
  const rule = isObject(raw) ? raw : {};
  const from = d === 'ingress' ? 'from' : 'to';
  const peers: PeerMatch[] = [];
  let anyPeer = false;
  for (const sel of list(rule[`${from}Endpoints`])) peers.push({ type: 'endpoints', selector: ciliumSelector(sel, clusterWide) });
  for (const entity of list(rule[`${from}Entities`])) {
    if (entity === 'all') anyPeer = true;
    else if (entity === 'world' || entity === 'world-ipv4' || entity === 'world-ipv6') peers.push(...EVERY_ADDRESS);
    else if (entity === 'cluster')
      peers.push({ type: 'endpoints', selector: { namespaces: () => true, everyNamespace: true, pods: () => true, everyPod: true } });
  }
  for (const cidr of list(rule[`${from}CIDR`])) if (typeof cidr === 'string') peers.push({ type: 'ipBlock', cidr, except: [] });
  for (const set of list(rule[`${from}CIDRSet`])) {
    if (isObject(set) && typeof set.cidr === 'string')
      peers.push({ type: 'ipBlock', cidr: set.cidr, except: list(set.except).filter((e): e is string => typeof e === 'string') });
  }
  for (const field of ['Requires', 'Groups', 'Nodes', 'FQDNs', 'Services'])
    if (rule[`${from}${field}`] !== undefined) notes.add(`${from}${field} is not modelled`);
  const hasL3 = L3_FIELDS[d].some((f) => rule[f] !== undefined);
  const ports = ciliumPorts(rule.toPorts);
  // Ports without a peer admit any peer on them; a rule with neither (`{}`) admits nothing: no rule at all.
  if (!hasL3 && ports === 'any') return undefined;
  return { index, peers: anyPeer || !hasL3 ? 'any' : peers, ports };
}

function compileCiliumSpec(object: KObject, spec: Record<string, unknown>, specPath: string): CompiledPolicy | undefined {
  const clusterWide = object.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterWide ? undefined : (object.metadata.namespace ?? '');
  if (spec.endpointSelector === undefined && spec.nodeSelector !== undefined) return undefined; // a host policy: nodes, not pods
  const base: CompiledPolicy = { object, namespace, podSelector: undefined, specPath };
  const notes = new Set<string>();
  try {
    base.endpoints = ciliumSelector(spec.endpointSelector, clusterWide);
    const defaultDeny = isObject(spec.enableDefaultDeny) ? spec.enableDefaultDeny : {};
    for (const d of ['ingress', 'egress'] as const) {
      const allow = list(spec[d]);
      const deny = list(spec[`${d}Deny`]);
      if (!allow.length && !deny.length) continue;
      if (defaultDeny[d] === false) {
        notes.add(`enableDefaultDeny.${d} is false: its rules add to other policies and do not isolate`);
        continue;
      }
      if (deny.length) notes.add(`${d}Deny rules isolate; what they deny is not subtracted from what allow rules admit`);
      base[d] = allow.map((r, i) => ciliumRule(r, i, d, clusterWide, notes)).filter((r): r is CompiledRule => r !== undefined);
    }
  } catch (e) {
    if (!(e instanceof NotUnderstood)) throw e;
    return { object, namespace, podSelector: undefined, specPath, notUnderstood: e.message };
  }
  if (notes.size) base.notes = [...notes];
  return base;
}

export function compileCiliumPolicy(object: KObject): CompiledPolicy[] {
  const o = object as KObject & { specs?: unknown };
  const out: CompiledPolicy[] = [];
  if (isObject(o.spec)) {
    const p = compileCiliumSpec(object, o.spec, '/spec');
    if (p) out.push(p);
  }
  list(o.specs).forEach((spec, i) => {
    const p = isObject(spec) ? compileCiliumSpec(object, spec, `/specs/${i}`) : undefined;
    if (p) out.push(p);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------- Calico

function calicoSelector(text: unknown, what: string): CalicoSelector {
  if (text !== undefined && typeof text !== 'string') throw new NotUnderstood(`${what} is not a string`);
  const parsed = parseCalicoSelector(text);
  if (!parsed.ok) throw new NotUnderstood(`${what} "${String(text)}": ${parsed.error}`);
  return parsed.selector;
}

/** The labels a Calico selector sees on a pod: its own, plus the namespace and the namespace's labels (`pcns.`). */
function calicoPodLabels(labels: Labels, namespace: string, nsLabels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...labels, 'projectcalico.org/namespace': namespace, 'projectcalico.org/orchestrator': 'k8s' };
  for (const [k, v] of Object.entries(nsLabels)) out[`pcns.${k}`] = v;
  return out;
}
const calicoNamespaceLabels = (name: string, nsLabels: Readonly<Record<string, string>>): Record<string, string> => ({
  ...nsLabels,
  'projectcalico.org/name': name,
});

function calicoEndpoints(selector: CalicoSelector, namespaceSelector: CalicoSelector | undefined, global: boolean): EndpointSelector {
  return {
    namespaces: namespaceSelector ? (name, nsLabels) => calicoMatches(namespaceSelector, calicoNamespaceLabels(name, nsLabels)) : undefined,
    everyNamespace: namespaceSelector ? namespaceSelector.op === 'all' : global,
    pods:
      selector.op === 'all'
        ? () => true
        : (labels, namespace, nsLabels) => calicoMatches(selector, calicoPodLabels(labels, namespace, nsLabels)),
    everyPod: selector.op === 'all',
  };
}

function calicoPorts(protocol: unknown, ports: unknown): PortMatch[] | 'any' {
  const proto = typeof protocol === 'string' ? protocol : typeof protocol === 'number' ? String(protocol) : undefined;
  const entries = list(ports);
  if (!entries.length) return proto ? [{ protocol: proto }] : 'any';
  return entries.map((raw): PortMatch => {
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
    const range = /^(\d+):(\d+)$/.exec(text);
    if (range?.[1] && range[2]) return { protocol: proto ?? 'ANY', port: Number(range[1]), endPort: Number(range[2]) };
    return { protocol: proto ?? 'ANY', port: /^\d+$/.test(text) ? Number(text) : text || undefined };
  });
}

/**
 * A direction's rules; undefined when a Pass rule hands every peer on every port to the next tier
 * (Calico's Kubernetes profile then allows what no later tier selects): not isolating.
 */
function calicoRules(raws: unknown[], d: Direction, global: boolean, notes: Set<string>): CompiledRule[] | undefined {
  const rules: CompiledRule[] = [];
  let narrowedBy: string | undefined;
  let passesAll = false;
  raws.forEach((raw, index) => {
    const rule = isObject(raw) ? raw : {};
    const action = typeof rule.action === 'string' ? rule.action : '';
    if (action === 'Deny') {
      notes.add('Deny rules are not subtracted from what Allow rules admit');
      narrowedBy ??= `${d} rule ${index} (Deny)`;
      return;
    }
    if (action !== 'Allow' && action !== 'Pass') return;
    const peer = isObject(d === 'ingress' ? rule.source : rule.destination)
      ? ((d === 'ingress' ? rule.source : rule.destination) as Record<string, unknown>)
      : {};
    const destination = isObject(rule.destination) ? rule.destination : {};
    for (const field of ['notSelector', 'notNets', 'serviceAccounts', 'services', 'notPorts'])
      if (peer[field] !== undefined || destination[field] !== undefined)
        notes.add(`${field} in rules is not modelled (the rule is read as admitting more)`);
    const peers: PeerMatch[] = [];
    if (peer.selector !== undefined || peer.namespaceSelector !== undefined) {
      const namespaceSelector =
        peer.namespaceSelector === undefined ? undefined : calicoSelector(peer.namespaceSelector, `${d} rule ${index} namespaceSelector`);
      peers.push({
        type: 'endpoints',
        selector: calicoEndpoints(calicoSelector(peer.selector, `${d} rule ${index} selector`), namespaceSelector, global),
      });
    } else for (const cidr of list(peer.nets)) if (typeof cidr === 'string') peers.push({ type: 'ipBlock', cidr, except: [] });
    const compiled: CompiledRule = { index, peers: peers.length ? peers : 'any', ports: calicoPorts(rule.protocol, destination.ports) };
    if (action === 'Pass') {
      // What a Pass rule matches goes to the next tier, where the Kubernetes profile may allow it: read as
      // allowed (never as allowing everything), and the rules after it never see that traffic.
      notes.add(`Pass rules hand what they match to the next tier: read as allowed`);
      if (compiled.peers === 'any' && compiled.ports === 'any') passesAll = true;
      rules.push({ ...compiled, narrowedBy: narrowedBy ?? `${d} rule ${index} (Pass)` });
      narrowedBy ??= `${d} rule ${index} (Pass)`;
      return;
    }
    rules.push({ ...compiled, ...(narrowedBy ? { narrowedBy } : {}) });
  });
  if (passesAll) notes.add(`a Pass rule matching every ${d} peer on every port: the policy does not isolate ${d}`);
  return passesAll ? undefined : rules;
}

export function compileCalicoPolicy(object: KObject): CompiledPolicy {
  const global = object.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : (object.metadata.namespace ?? '');
  const spec = isObject(object.spec) ? object.spec : {};
  const notes = new Set<string>();
  try {
    if (spec.serviceAccountSelector !== undefined) throw new NotUnderstood('serviceAccountSelector (pods are matched by labels only)');
    if (spec.doNotTrack === true || spec.preDNAT === true)
      throw new NotUnderstood('doNotTrack / preDNAT policies apply to host endpoints, not pods');
    const selector = calicoSelector(spec.selector, 'selector');
    const namespaceSelector =
      global && spec.namespaceSelector !== undefined ? calicoSelector(spec.namespaceSelector, 'namespaceSelector') : undefined;
    const ingressRules = list(spec.ingress);
    const egressRules = list(spec.egress);
    const declared = list(spec.types).filter((t): t is string => typeof t === 'string');
    // Calico's defaulting: Ingress unless there are egress rules and no ingress rule; Egress when there are egress rules.
    const types = declared.length
      ? declared
      : egressRules.length
        ? ingressRules.length
          ? ['Ingress', 'Egress']
          : ['Egress']
        : ['Ingress'];
    const policy: CompiledPolicy = {
      object,
      namespace,
      podSelector: undefined,
      endpoints: calicoEndpoints(selector, namespaceSelector, global),
    };
    if (types.includes('Ingress')) policy.ingress = calicoRules(ingressRules, 'ingress', global, notes);
    if (types.includes('Egress')) policy.egress = calicoRules(egressRules, 'egress', global, notes);
    if (notes.size) policy.notes = [...notes];
    return policy;
  } catch (e) {
    if (!(e instanceof NotUnderstood)) throw e;
    return { object, namespace, podSelector: undefined, notUnderstood: e.message };
  }
}

/** Every Cilium and Calico policy of an Inventory (empty lists when their CRDs are not served). */
export function compileCrdPolicies(inv: CrdPolicies): CompiledPolicy[] {
  return [
    ...inv.ciliumNetworkPolicies.flatMap(compileCiliumPolicy),
    ...inv.ciliumClusterwideNetworkPolicies.flatMap(compileCiliumPolicy),
    ...inv.calicoNetworkPolicies.map(compileCalicoPolicy),
    ...inv.calicoGlobalNetworkPolicies.map(compileCalicoPolicy),
  ];
}
