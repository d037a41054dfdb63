/**
 * "Which pods may reach pod X on port P", from the policies alone: a connection is allowed when
 * the destination's ingress side allows it (not isolated, or a rule of an isolating policy admits
 * the source and the port) AND the source's egress side allows it (likewise, peers matched against
 * the destination). Named ports resolve against the destination's container ports on both sides.
 * Sources are workload templates and bare pods (owner attribution); hostNetwork pods are left
 * out: policies cannot select them as peers (they appear with their node's address).
 */
import { unevaluatedText } from '../../src/core/unevaluated-netpol.js';
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { Container, KObject, PodSpec } from '../../src/core/k8s.js';
import { fieldAt } from '../../src/core/shape.js';
import type { Labels } from '../../src/core/label-selector.js';
import { netpolModel, NETPOL_KEYS, policyRef, portsAdmit, type CompiledPolicy, type NetpolModel } from './netpol-model.js';
import { podLevelSubjects, POD_SPEC_KEYS } from './workloads.js';

export const REACH_KEYS: readonly InventoryKey[] = [...NETPOL_KEYS, ...POD_SPEC_KEYS];

export interface ReachEndpoint {
  kind: string;
  namespace: string;
  name: string;
  labels: Labels;
  containers: readonly Container[];
}

export interface ReachSource {
  kind: string;
  namespace: string;
  name: string;
  podCount: number;
  /** The ingress policy rule that admits it, or 'not isolated for ingress'. */
  ingress: string;
  /** The egress policy rule of the source that admits the destination, or 'not isolated for egress'. */
  egress: string;
}

export interface ReachAnswer {
  target: { kind: string; namespace: string; name: string };
  port: number;
  protocol: string;
  /** Ingress policies isolating the target (empty: any source may connect as far as its ingress is concerned). */
  ingressPolicies: string[];
  sources: ReachSource[];
  /** Address blocks allowed in (ipBlock peers of admitting rules; 'any address' for rules without peers or no isolation). */
  addresses: string[];
  /**
   * What the answer cannot take into account, each once: policies of the target's namespace and of
   * the listed sources' namespaces kaudit could not read (they select nothing), and what Cilium or
   * Calico policies isolating the target for ingress, or a listed source for egress, do that the
   * model approximates (deny rules not subtracted, toFQDNs not modelled...). Empty for NetworkPolicies.
   */
  caveats: string[];
}

const WORKLOAD_KEYS = ['deployments', 'statefulSets', 'daemonSets', 'jobs', 'cronJobs', 'replicaSets'] as const;

type Template = { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } | undefined;

const templateOf = (o: KObject): Template =>
  o.kind === 'Pod'
    ? { metadata: o.metadata, spec: o.spec as PodSpec }
    : ((o.kind === 'CronJob' ? fieldAt(o.spec, 'jobTemplate', 'spec', 'template') : fieldAt(o.spec, 'template')) as Template);

const containersOfSpec = (spec: PodSpec | undefined): Container[] => [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];

/** Finds the destination: `namespace/name` (a pod, else a workload of that name) or `namespace/Kind/name`. undefined when nothing matches. */
export function findEndpoint(inv: Inventory, ref: string): ReachEndpoint | undefined {
  const parts = ref.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) return undefined;
  const [namespace = '', kindOrName = '', last] = parts;
  const [kind, name] = last === undefined ? [undefined, kindOrName] : [kindOrName, last];
  const candidates = [inv.pods, ...WORKLOAD_KEYS.map((k) => inv[k])].flat();
  const found = candidates.find(
    (o) => o.metadata.namespace === namespace && o.metadata.name === name && (!kind || o.kind.toLowerCase() === kind.toLowerCase()),
  );
  if (!found) return undefined;
  const template = templateOf(found);
  return { kind: found.kind, namespace, name, labels: template?.metadata?.labels, containers: containersOfSpec(template?.spec) };
}

/** The port number a name stands for on the destination (first container port of that name and protocol). */
export function resolvePort(target: ReachEndpoint, port: string, protocol: string): number | undefined {
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of target.containers)
    for (const p of c.ports ?? [])
      if (p?.name === port && (p.protocol ?? 'TCP') === protocol && typeof p.containerPort === 'number') return p.containerPort;
  return undefined;
}

/** The first rule of `policies` (in `direction`) admitting the port and, through its peers, `peer`. */
function admittingRule(
  model: NetpolModel,
  policies: readonly CompiledPolicy[],
  direction: 'ingress' | 'egress',
  peer: { namespace: string; labels: Labels },
  port: number,
  protocol: string,
  destination: readonly Container[],
): string | undefined {
  for (const p of policies) {
    for (const rule of p[direction] ?? []) {
      if (!portsAdmit(rule.ports, port, protocol, destination)) continue;
      if (rule.peers === 'any' || rule.peers.some((peerMatch) => model.peerMatchesPod(peerMatch, p.namespace, peer.namespace, peer.labels)))
        return `${policyRef(p)} ${direction} rule ${rule.index}`;
    }
  }
  return undefined;
}

export function whoCanReach(inv: Inventory, target: ReachEndpoint, port: number, protocol = 'TCP'): ReachAnswer {
  const model = netpolModel(inv);
  const ingressPolicies = model.isolation(target.namespace, target.labels).ingress;
  const addresses = new Set<string>();
  if (!ingressPolicies.length) addresses.add('any address');
  for (const p of ingressPolicies) {
    for (const rule of p.ingress ?? []) {
      if (!portsAdmit(rule.ports, port, protocol, target.containers)) continue;
      if (rule.peers === 'any') addresses.add('any address');
      else
        for (const peer of rule.peers)
          if (peer.type === 'ipBlock') addresses.add(peer.except.length ? `${peer.cidr} except ${peer.except.join(', ')}` : peer.cidr);
    }
  }
  const sources: ReachSource[] = [];
  // What the caveats of the listed sources' side come from: their egress policies and their namespaces.
  const sourceEgress = new Set<CompiledPolicy>();
  const sourceNamespaces = new Set<string>();
  for (const s of podLevelSubjects(inv)) {
    if (s.spec.hostNetwork) continue;
    const source = { namespace: s.object.metadata.namespace ?? '', labels: s.meta.labels };
    const ingress = ingressPolicies.length
      ? admittingRule(model, ingressPolicies, 'ingress', source, port, protocol, target.containers)
      : 'not isolated for ingress';
    if (!ingress) continue;
    const egressPolicies = model.isolation(source.namespace, source.labels).egress;
    const egress = egressPolicies.length
      ? admittingRule(model, egressPolicies, 'egress', target, port, protocol, target.containers)
      : 'not isolated for egress';
    if (!egress) continue;
    for (const p of egressPolicies) sourceEgress.add(p);
    sourceNamespaces.add(source.namespace);
    sources.push({ kind: s.object.kind, namespace: source.namespace, name: s.object.metadata.name, podCount: s.podCount, ingress, egress });
  }
  return {
    target: { kind: target.kind, namespace: target.namespace, name: target.name },
    port,
    protocol,
    ingressPolicies: ingressPolicies.map(policyRef),
    sources,
    addresses: [...addresses],
    caveats: [
      ...new Set([
        // Policies not understood in the target's namespace and in the listed sources' (their egress may be narrower).
        ...[target.namespace, ...sourceNamespaces]
          .flatMap((ns) => model.policiesIn(ns))
          .flatMap((p) =>
            p.notUnderstood !== undefined ? [`${policyRef(p)} not understood (${p.notUnderstood}): counted as selecting nothing`] : [],
          ),
        ...[...ingressPolicies, ...sourceEgress].flatMap((p) => (p.notes ?? []).map((note) => `${policyRef(p)}: ${note}`)),
        // Kinds kaudit never read may deny what the answer lists as allowed.
        ...(inv.unevaluatedNetworkPolicyKinds ?? []).map(unevaluatedText),
      ]),
    ],
  };
}
