/**
 * NetworkPolicy semantics, exactly as Kubernetes defines them (networking.k8s.io/v1):
 *
 * - A pod is isolated for ingress (egress) when at least one policy of its namespace selects it
 *   (podSelector; `{}` selects every pod) and has Ingress (Egress) in policyTypes. policyTypes
 *   defaults to [Ingress], plus Egress when the policy has egress rules (the API server's defaulting).
 * - Allowed traffic is the union of the rules of every policy isolating that direction; a missing or
 *   empty `from`/`to` allows every source/destination, missing or empty `ports` every port.
 * - A peer with podSelector alone means pods of the policy's namespace; namespaceSelector alone,
 *   every pod of the namespaces selected; both, those pods in those namespaces; ipBlock, addresses
 *   (cidr minus except), which kaudit does not map to pods (pod IPs are not kept).
 * - A port is a number (with endPort, a range), a name (resolved against the destination pod's
 *   container ports: the selected pod for ingress, the peer for egress) or absent (every port of
 *   the protocol, TCP by default).
 *
 * Policies are compiled once per Inventory and indexed by namespace; a pod's isolation is one
 * label match per policy of its namespace, cached by labels object (pods of a workload share theirs).
 *
 * Cilium and Calico policies are compiled into the same `CompiledPolicy` (netpol-compiled.ts): their
 * endpoint selectors as an `EndpointSelector`; a cluster-wide policy has `namespace` undefined and
 * applies in every namespace its selector admits; see docs/network.md.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { Container, KObject } from '../../src/core/k8s.js';
import { labelsMatch, selectorRequirements, type Labels } from '../../src/core/label-selector.js';
import { compileCrdPolicies } from './netpol-compiled.js';
import type { CompiledPolicy, CompiledRule, Direction, PeerMatch, PortMatch } from './netpol-types.js';

/** The policy kinds the model reads: NetworkPolicies, and the Cilium and Calico kinds when their CRDs are served. */
export const POLICY_KEYS = [
  'networkPolicies',
  'ciliumNetworkPolicies',
  'ciliumClusterwideNetworkPolicies',
  'calicoNetworkPolicies',
  'calicoGlobalNetworkPolicies',
] as const satisfies readonly InventoryKey[];
export const NETPOL_KEYS: readonly InventoryKey[] = ['namespaces', ...POLICY_KEYS];

export type { CompiledPolicy, CompiledRule, Direction, EndpointSelector, PeerMatch, PortMatch } from './netpol-types.js';

export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

export interface Isolation {
  /** Policies isolating the pod for ingress / egress (empty: not isolated). */
  ingress: CompiledPolicy[];
  egress: CompiledPolicy[];
}

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const ALL_ADDRESSES = new Set(['0.0.0.0/0', '::/0']);

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function compilePort(raw: unknown): PortMatch {
  const p = (raw ?? {}) as { protocol?: unknown; port?: unknown; endPort?: unknown };
  const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
  const port = typeof p.port === 'number' || typeof p.port === 'string' ? p.port : undefined;
  // A numeric string in a manifest is an int-or-string the API server keeps as a name; only real names resolve.
  return { protocol, port, endPort: typeof p.endPort === 'number' && typeof port === 'number' ? p.endPort : undefined };
}

function compilePeer(raw: unknown): PeerMatch {
  const peer = (raw ?? {}) as { podSelector?: unknown; namespaceSelector?: unknown; ipBlock?: { cidr?: unknown; except?: unknown } };
  if (peer.ipBlock) {
    return typeof peer.ipBlock.cidr === 'string'
      ? { type: 'ipBlock', cidr: peer.ipBlock.cidr, except: list(peer.ipBlock.except).filter((e): e is string => typeof e === 'string') }
      : { type: 'none' };
  }
  if (peer.podSelector == null && peer.namespaceSelector == null) return { type: 'none' };
  const pods = peer.podSelector == null ? [] : selectorRequirements(peer.podSelector);
  const namespaces = peer.namespaceSelector == null ? 'own' : selectorRequirements(peer.namespaceSelector);
  if (!pods || !namespaces) return { type: 'none' };
  return { type: 'pods', namespaces, pods };
}

function compileRules(rules: unknown[], peersKey: 'from' | 'to'): CompiledRule[] {
  return rules.map((raw, index) => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    const peers = list(rule[peersKey]);
    const ports = list(rule.ports);
    return { index, peers: peers.length ? peers.map(compilePeer) : 'any', ports: ports.length ? ports.map(compilePort) : 'any' };
  });
}

/** One networking.k8s.io/v1 NetworkPolicy in compiled form. */
export function compileNetworkPolicy(object: KObject): CompiledPolicy {
  const spec = (object.spec ?? {}) as { podSelector?: unknown; policyTypes?: unknown; ingress?: unknown; egress?: unknown };
  const ingressRules = list(spec.ingress);
  const egressRules = list(spec.egress);
  const declared = list(spec.policyTypes).filter((t): t is string => typeof t === 'string');
  // The API server's defaulting: Ingress always, Egress when there are egress rules.
  const types = declared.length ? declared : egressRules.length ? ['Ingress', 'Egress'] : ['Ingress'];
  // podSelector is a struct, not a pointer, in the API: a missing one is the empty selector (every pod).
  const podSelector = spec.podSelector == null ? [] : selectorRequirements(spec.podSelector);
  return {
    object,
    namespace: object.metadata.namespace ?? '',
    podSelector,
    ingress: types.includes('Ingress') ? compileRules(ingressRules, 'from') : undefined,
    egress: types.includes('Egress') ? compileRules(egressRules, 'to') : undefined,
  };
}

const NO_LABELS = {};

/** The compiled policies of one Inventory, indexed by namespace, with per-namespace caches. */
export class NetpolModel {
  readonly policies: readonly CompiledPolicy[];
  private readonly byNamespace = new Map<string, CompiledPolicy[]>();
  private readonly clusterWide: CompiledPolicy[] = [];
  private readonly namespaceLabelsByName = new Map<string, Labels>();
  private readonly fullNamespaceLabels = new Map<string, Record<string, string>>();
  private readonly isolationCache = new Map<string, WeakMap<object, Isolation>>();
  private readonly inNamespace = new Map<string, readonly CompiledPolicy[]>();

  constructor(policies: CompiledPolicy[], namespaces: readonly KObject[]) {
    // By namespace and name, so answers do not depend on the order the source listed them in.
    const key = (p: CompiledPolicy): string => `${p.namespace ?? ''}\u0000${p.object.metadata.name}`;
    this.policies = policies.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const p of policies) {
      if (p.namespace === undefined) this.clusterWide.push(p);
      else {
        const inNs = this.byNamespace.get(p.namespace);
        if (inNs) inNs.push(p);
        else this.byNamespace.set(p.namespace, [p]);
      }
    }
    for (const ns of namespaces) this.namespaceLabelsByName.set(ns.metadata.name, ns.metadata.labels);
  }

  /** Policies that apply in a namespace (its own and the cluster-wide ones whose selector admits it). */
  policiesIn(namespace: string): readonly CompiledPolicy[] {
    const own = this.byNamespace.get(namespace) ?? [];
    if (!this.clusterWide.length) return own;
    // Once per namespace: every workload of the namespace asks, and each cluster-wide selector is a match over its labels.
    let all = this.inNamespace.get(namespace);
    if (!all) {
      const labels = this.namespaceLabels(namespace);
      all = [...own, ...this.clusterWide.filter((p) => !p.endpoints?.namespaces || p.endpoints.namespaces(namespace, labels))];
      this.inNamespace.set(namespace, all);
    }
    return all;
  }

  /** A namespace's labels, with the name label the API server sets on every namespace (since 1.21). */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> {
    let full = this.fullNamespaceLabels.get(namespace);
    if (!full)
      this.fullNamespaceLabels.set(namespace, (full = { ...this.namespaceLabelsByName.get(namespace), [NAMESPACE_NAME_LABEL]: namespace }));
    return full;
  }

  /** Whether a policy applying in `namespace` selects a pod with these labels there. */
  selects(p: CompiledPolicy, namespace: string, labels: Labels): boolean {
    if (p.endpoints) {
      const nsLabels = this.namespaceLabels(namespace);
      return (!p.endpoints.namespaces || p.endpoints.namespaces(namespace, nsLabels)) && p.endpoints.pods(labels, namespace, nsLabels);
    }
    return p.notUnderstood === undefined && p.podSelector !== undefined && labelsMatch(p.podSelector, labels);
  }

  /** Which policies isolate a pod with these labels in this namespace, for ingress and for egress. */
  isolation(namespace: string, labels: Labels): Isolation {
    let cache = this.isolationCache.get(namespace);
    if (!cache) this.isolationCache.set(namespace, (cache = new WeakMap()));
    const key = labels ?? NO_LABELS;
    let result = cache.get(key);
    if (!result) {
      result = { ingress: [], egress: [] };
      for (const p of this.policiesIn(namespace)) {
        if (!this.selects(p, namespace, labels)) continue;
        if (p.ingress) result.ingress.push(p);
        if (p.egress) result.egress.push(p);
      }
      cache.set(key, result);
    }
    return result;
  }

  /** Whether a peer of a policy in `policyNamespace` matches a pod (namespace, labels). ipBlocks never match pods. */
  peerMatchesPod(peer: PeerMatch, policyNamespace: string | undefined, namespace: string, labels: Labels): boolean {
    if (peer.type === 'endpoints') {
      const { namespaces, pods } = peer.selector;
      const nsLabels = this.namespaceLabels(namespace);
      if (namespaces ? !namespaces(namespace, nsLabels) : policyNamespace !== undefined && policyNamespace !== namespace) return false;
      return pods(labels, namespace, nsLabels);
    }
    if (peer.type !== 'pods') return false;
    if (
      peer.namespaces === 'own'
        ? policyNamespace !== undefined && policyNamespace !== namespace
        : !labelsMatch(peer.namespaces, this.namespaceLabels(namespace))
    )
      return false;
    return labelsMatch(peer.pods, labels);
  }
}

const models = scanCache<readonly KObject[], { sources: readonly (readonly KObject[])[]; model: NetpolModel }>();

/** The model of an Inventory's policies (NetworkPolicies, Cilium, Calico), built once per Inventory. */
export function netpolModel(inv: Inventory): NetpolModel {
  const sources = [inv.namespaces, ...POLICY_KEYS.map((k) => inv[k])];
  const known = models.get(inv.networkPolicies);
  if (known && known.sources.every((s, i) => s === sources[i])) return known.model;
  const model = new NetpolModel([...inv.networkPolicies.map(compileNetworkPolicy), ...compileCrdPolicies(inv)], inv.namespaces);
  models.set(inv.networkPolicies, { sources, model });
  return model;
}

/** Whether a rule's ports admit `port`/`protocol` on a destination with these containers (named ports resolve there). */
export function portsAdmit(ports: CompiledRule['ports'], port: number, protocol: string, destination: readonly Container[]): boolean {
  if (ports === 'any') return true;
  return ports.some((p) => {
    if (p.protocol !== protocol && p.protocol !== 'ANY') return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    return destination.some((c) =>
      (c.ports ?? []).some((cp) => cp?.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol),
    );
  });
}

/** What a rule allows from or to everywhere on every port: no peers (or `{}` namespace and pod selectors, or 0.0.0.0/0 without except) and no ports. */
export function allowsEverything(rule: CompiledRule): 'any peer' | 'every pod in every namespace' | 'every address' | undefined {
  if (rule.ports !== 'any' || rule.narrowedBy) return undefined;
  if (rule.peers === 'any') return 'any peer';
  for (const peer of rule.peers) {
    if (peer.type === 'ipBlock' && ALL_ADDRESSES.has(peer.cidr) && !peer.except.length) return 'every address';
    if (peer.type === 'pods' && peer.namespaces !== 'own' && !peer.namespaces.length && !peer.pods.length)
      return 'every pod in every namespace';
    if (peer.type === 'endpoints' && peer.selector.everyNamespace && peer.selector.everyPod) return 'every pod in every namespace';
  }
  return undefined;
}

/** The policy selects every pod of the namespaces it applies in (`podSelector: {}`, Cilium `{}`, Calico `all()`). */
export const selectsEveryPod = (p: CompiledPolicy): boolean =>
  p.endpoints ? p.endpoints.everyPod : p.notUnderstood === undefined && p.podSelector?.length === 0;
/** `{}` selector, and the policy isolates the direction without a rule: nothing is allowed to any pod of the namespace. */
export const deniesAll = (p: CompiledPolicy, d: Direction): boolean => selectsEveryPod(p) && p[d]?.length === 0;
/** `{}` selector isolating the direction: every pod of the namespace, present and future, is isolated. */
export const isolatesNamespace = (p: CompiledPolicy, d: Direction): boolean => selectsEveryPod(p) && p[d] !== undefined;

/** A Kubernetes NetworkPolicy (not a Cilium or Calico policy: Calico's NetworkPolicy shares the kind). */
export const isKubernetesNetworkPolicy = (p: CompiledPolicy): boolean =>
  p.object.kind === 'NetworkPolicy' && p.object.apiVersion.startsWith('networking.k8s.io/');
/** The Cilium and Calico policies among these, counted by object (a Cilium policy with `specs` compiles to several). */
export const crdPolicyCount = (policies: readonly CompiledPolicy[]): number =>
  new Set(policies.filter((p) => !isKubernetesNetworkPolicy(p)).map((p) => p.object)).size;
/** "3 NetworkPolicies", or "3 NetworkPolicies and 2 Cilium/Calico policies", for evidence. */
export const policyCountText = (networkPolicies: number, crdPolicies: number): string =>
  `${networkPolicies} NetworkPolicies${crdPolicies ? ` and ${crdPolicies} Cilium/Calico policies` : ''}`;
/** "NetworkPolicy shop/web", "CiliumNetworkPolicy shop/web", "Calico NetworkPolicy shop/web" (Calico's kinds share Kubernetes' names). */
export const policyRef = (p: CompiledPolicy): string =>
  `${p.object.apiVersion.startsWith('crd.projectcalico.org/') ? 'Calico ' : ''}${p.object.kind} ${p.object.metadata.namespace ? `${p.object.metadata.namespace}/` : ''}${p.object.metadata.name}`;
