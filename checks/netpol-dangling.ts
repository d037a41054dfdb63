import { defineCheck } from '../src/core/check.js';
import type { Inventory } from '../src/core/inventory.js';
import { labelsMatch, type Labels } from '../src/core/label-selector.js';
import { netpolModel, NETPOL_KEYS, type CompiledPolicy } from './_shared/netpol-model.js';
import { podSpecSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

interface Subject {
  object: CompiledPolicy['object'];
  policy: CompiledPolicy;
  /** Distinct label sets of the pods and pod templates of the policy's namespace. */
  labelSets: ReadonlySet<Labels>;
}

/** Distinct labels objects per namespace: pods of one workload share theirs (src/core/compact.ts). */
function labelSetsByNamespace(inv: Inventory): Map<string, Set<Labels>> {
  const byNs = new Map<string, Set<Labels>>();
  const add = (namespace: string | undefined, labels: Labels): void => {
    const ns = namespace ?? '';
    let set = byNs.get(ns);
    if (!set) byNs.set(ns, (set = new Set()));
    set.add(labels);
  };
  for (const pod of inv.pods) add(pod.metadata.namespace, pod.metadata.labels);
  for (const s of podSpecSubjects(inv)) add(s.object.metadata.namespace, s.meta.labels);
  return byNs;
}

export default defineCheck({
  meta: {
    id: 'netpol-dangling',
    title: 'NetworkPolicies select pods',
    description:
      'A policy whose podSelector matches no pod and no workload template of its namespace protects nothing: usually a label that was renamed, a ' +
      'typo, or a workload that moved, and the pods it was written for are left open. Policies with podSelector: {} are never reported (they apply to ' +
      'every future pod); a malformed selector selects nothing and is reported.',
    severity: 'low',
    requires: [...NETPOL_KEYS, ...POD_SPEC_KEYS],
    // The finding is that no pod matches: unread pods must not look like none.
    judgesAbsence: POD_SPEC_KEYS,
    messages: { selectsNothing: 'NetworkPolicy {{name}} selects no pod or workload in namespace {{namespace}}' },
    remediation: 'Fix the podSelector to match the labels of the pods it is meant for, or delete the policy.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource'],
    example: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: apii}}   # the pods are labelled app=api
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]`,
  },
  select(inv) {
    const sets = labelSetsByNamespace(inv);
    return netpolModel(inv)
      // NetworkPolicies only: Cilium and Calico policies carry `endpoints` (or are not understood, which the isolation checks name).
      .policies.filter((p) => p.endpoints === undefined && p.notUnderstood === undefined && p.podSelector?.length !== 0)
      .map((policy): Subject => ({ object: policy.object, policy, labelSets: sets.get(policy.namespace ?? '') ?? new Set() }));
  },
  evaluate({ policy, labelSets }: Subject, ctx) {
    const selector = policy.podSelector;
    if (selector) for (const labels of labelSets) if (labelsMatch(selector, labels)) return;
    const namespace = policy.namespace ?? '';
    ctx.report({
      messageId: 'selectsNothing',
      data: { name: policy.object.metadata.name, namespace },
      path: '/spec/podSelector',
      observed: selector ? `0 of ${labelSets.size} label sets in namespace ${namespace} match` : 'a malformed selector (matches nothing)',
      expected: 'a podSelector matching the pods the policy is meant for',
    });
  },
});
