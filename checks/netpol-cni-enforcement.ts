import { defineCheck, notAssessed } from '../src/core/check.js';
import type { DaemonSet, KObject } from '../src/core/k8s.js';

/** CNI agents (DaemonSet name or container image) that enforce NetworkPolicy. */
const ENFORCING: [string, RegExp][] = [
  ['Calico', /(^|\/)(calico-node|canal)$|calico\/node/],
  ['Cilium', /(^|\/)cilium$|cilium\/cilium|(^|\/)anetd$/],
  ['Weave Net', /(^|\/)weave-net$|weaveworks\/weave-kube/],
  ['Antrea', /(^|\/)antrea-agent$|antrea\/antrea/],
  ['kube-router', /kube-router/],
  ['OVN-Kubernetes', /ovnkube-node/],
  ['AWS VPC CNI network policy agent', /aws-network-policy-agent/],
  ['Azure Network Policy Manager', /azure-npm/],
];

/** CNI agents that route pods but do not enforce NetworkPolicy on their own. */
const NOT_ENFORCING: [string, RegExp][] = [
  ['Flannel', /(^|\/)kube-flannel(-ds)?$|flannel\/flannel|flannelcni|coreos\/flannel/],
  ['kindnet', /kindnet/],
  ['AWS VPC CNI (aws-node)', /(^|\/)aws-node$|amazon-k8s-cni/],
];

const namesOf = (ds: DaemonSet): string[] => [
  ds.metadata.name,
  ...(ds.spec?.template?.spec?.containers ?? []).flatMap((c) => [c.image ?? '', c.name ?? '']),
];
const match = (ds: DaemonSet, table: [string, RegExp][]): string | undefined =>
  table.find(([, re]) => namesOf(ds).some((n) => re.test(n)))?.[0];

interface CniSubject {
  object: KObject;
  cni: string;
  enforcing: boolean;
  /** An enforcing agent runs elsewhere in the cluster (Canal-style pairs, policy add-ons). */
  enforcedElsewhere: boolean;
}

export default defineCheck({
  meta: {
    id: 'netpol-cni-enforcement',
    title: 'The CNI enforces NetworkPolicies',
    description:
      'NetworkPolicy objects do nothing unless the network plugin enforces them: with a plugin that only routes (Flannel alone, kindnet, the AWS VPC CNI without its network policy agent) every policy is silently ignored. The check recognises the CNI from the DaemonSets it runs (names and images): a known enforcing agent passes; only a known non-enforcing one fails; an unrecognised plugin is not assessed and needs a human.',
    severity: 'medium',
    requires: ['daemonSets'],
    // A CNI agent's DaemonSet may be in any namespace (kube-system, calico-system, cilium...).
    dataNamespaces: 'all',
    // A failure means no enforcing agent was found: unread DaemonSets must not look like none.
    judgesAbsence: ['daemonSets'],
    messages: { notEnforcing: '{{cni}} (DaemonSet {{name}}) does not enforce NetworkPolicies, and no policy agent was found' },
    remediation:
      'Run a CNI that enforces NetworkPolicy (Calico, Cilium, Antrea...) or add a policy agent beside the routing plugin (Canal for Flannel; the network policy agent of the AWS VPC CNI; Azure Network Policy Manager), then verify with a default-deny policy that traffic is actually blocked.',
    references: [
      'CIS Kubernetes Benchmark 5.3.1',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites',
    ],
    example: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-flannel-ds, namespace: kube-flannel}
spec:
  selector: {matchLabels: {app: flannel}}
  template:
    metadata: {labels: {app: flannel}}
    spec:
      containers:
      - {name: kube-flannel, image: 'docker.io/flannel/flannel:v0.26.1'}`,
  },
  select(inv) {
    const found: CniSubject[] = [];
    for (const ds of inv.daemonSets) {
      const enforcing = match(ds, ENFORCING);
      const routing = enforcing ? undefined : match(ds, NOT_ENFORCING);
      if (enforcing || routing)
        found.push({ object: ds, cni: (enforcing ?? routing)!, enforcing: Boolean(enforcing), enforcedElsewhere: false });
    }
    if (!found.length)
      return notAssessed(
        'no known CNI agent among the DaemonSets (managed dataplane or an unrecognised plugin): check by hand that NetworkPolicies are enforced',
      );
    const anyEnforcing = found.some((f) => f.enforcing);
    return found.map((f) => ({ ...f, enforcedElsewhere: anyEnforcing }));
  },
  evaluate(s: CniSubject, ctx) {
    if (s.enforcing || s.enforcedElsewhere) return;
    ctx.report({
      messageId: 'notEnforcing',
      data: { cni: s.cni, name: s.object.metadata.name },
      observed: `${s.cni} only`,
      expected: 'a CNI or policy agent that enforces NetworkPolicy',
    });
  },
});
