/**
 * The compiled form of network policies (netpol-model.ts), shared by the NetworkPolicy compiler
 * and the Cilium and Calico ones (netpol-compiled.ts): apart, so that netpol-compiled.ts (which the
 * model imports) needs nothing of netpol-model.ts and no import cycle forms.
 */
import type { KObject } from '../../src/core/k8s.js';
import type { LabelRequirement, Labels } from '../../src/core/label-selector.js';

export type Direction = 'ingress' | 'egress';

export interface PortMatch {
  /** TCP, UDP, SCTP...; 'ANY' (Cilium) or undefined protocol in Calico: every protocol. */
  protocol: string;
  /** A number, a container port name, or undefined: every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export type PeerMatch =
  /** `namespaces` 'own': the policy's namespace; requirements: namespaces whose labels match. `pods` [] matches every pod. */
  | { type: 'pods'; namespaces: 'own' | LabelRequirement[]; pods: LabelRequirement[] }
  | { type: 'ipBlock'; cidr: string; except: string[] }
  /** Pods picked by a Cilium or Calico selector (namespaces as EndpointSelector says). */
  | { type: 'endpoints'; selector: EndpointSelector }
  /** A malformed peer (both selectors and ipBlock missing, a selector the API server would reject): matches nothing. */
  | { type: 'none' };

/**
 * How a Cilium or Calico selector picks pods: the namespaces it may pick them in and the labels there.
 * `namespaces` undefined: the policy's own namespace (a namespaced policy) or every namespace (a
 * cluster-wide one).
 */
export interface EndpointSelector {
  namespaces?: (namespace: string, namespaceLabels: Readonly<Record<string, string>>) => boolean;
  /** The namespaces admitted are every namespace (Cilium `cluster`, Calico `namespaceSelector: all()`). */
  everyNamespace?: boolean;
  pods: (labels: Labels, namespace: string, namespaceLabels: Readonly<Record<string, string>>) => boolean;
  /** `pods` matches every pod (Cilium `{}`, Calico `all()`): the selection covers whole namespaces. */
  everyPod: boolean;
  /** The selector targets an identity that is not a pod (Cilium `reserved:` labels: host, ingress, world...): selects no pod by design. */
  nonPod?: boolean;
}

export interface CompiledRule {
  /** Index in spec.ingress / spec.egress, for evidence. */
  index: number;
  /** Why the rule does not allow what its peers and ports say to everything (a Calico Deny rule before it). */
  narrowedBy?: string;
  /** 'any': from/to missing or empty, every source or destination (pods and addresses). */
  peers: 'any' | PeerMatch[];
  /** 'any': ports missing or empty. */
  ports: 'any' | PortMatch[];
}

export interface CompiledPolicy {
  /** The object the policy came from (a NetworkPolicy, or a CRD policy compiled to this form). */
  object: KObject;
  /** Where its rules are in the object (`/spec`, or `/specs/N` for a Cilium policy with several). */
  specPath?: string;
  /** undefined: a cluster-wide policy that applies in every namespace. */
  namespace: string | undefined;
  /** undefined: a malformed selector, which selects nothing. [] selects every pod. Not used when `endpoints` is set. */
  podSelector: LabelRequirement[] | undefined;
  /** A Cilium or Calico policy's endpoint selector (undefined with `notUnderstood`: selects nothing). */
  endpoints?: EndpointSelector;
  /** Why kaudit cannot read the policy (a selector it cannot parse...): it selects nothing and is named in evidence. */
  notUnderstood?: string;
  /** Statements about the policy's semantics kaudit approximates (deny rules not subtracted...), for evidence. */
  notes?: string[];
  /** Present when the policy isolates that direction (its allow rules; [] allows nothing). */
  ingress?: CompiledRule[];
  egress?: CompiledRule[];
}
