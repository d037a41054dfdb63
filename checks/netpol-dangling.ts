import { defineCheck } from '../src/core/check.js';
import type { Inventory } from '../src/core/inventory.js';
import type { Labels } from '../src/core/label-selector.js';
import { netpolModel, NETPOL_KEYS, selectsEveryPod, type CompiledPolicy, type NetpolModel } from './_shared/netpol-model.js';
import { podSpecSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

interface Subject {
  object: CompiledPolicy['object'];
  policy: CompiledPolicy;
  model: NetpolModel;
  /** Distinct label sets of the pods and pod templates, per namespace the policy applies in (its own; every one for a cluster-wide policy). */
  labelSets: ReadonlyMap<string, ReadonlySet<Labels>>;
}

/** Where the selector is in the object, for the finding's path. */
const selectorPath = (p: CompiledPolicy): string =>
  !p.endpoints
    ? '/spec/podSelector'
    : p.object.apiVersion.startsWith('cilium.io/')
      ? `${p.specPath ?? '/spec'}/endpointSelector`
      : '/spec/selector';

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
      'every future pod); a malformed selector selects nothing and is reported. Cilium and Calico policies are judged the same way over the namespaces they ' +
      'apply in (a cluster-wide one: every namespace its selector admits); those kaudit cannot read are named by the isolation checks instead. ' +
      'A Cilium endpoint selector on reserved: labels (reserved:host, reserved:ingress...) targets an identity that is not a pod and is never reported. ' +
      'When the scan is limited to some namespaces (-n, --exclude-namespace), cluster-wide policies (CiliumClusterwideNetworkPolicy, Calico ' +
      'GlobalNetworkPolicy) are not judged: the pods they select may live outside the scan.',
    severity: 'low',
    requires: [...NETPOL_KEYS, ...POD_SPEC_KEYS],
    // The finding is that no pod matches: unread pods must not look like none.
    judgesAbsence: POD_SPEC_KEYS,
    messages: { selectsNothing: '{{kind}} {{name}} selects no pod or workload in {{where}}' },
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
    const model = netpolModel(inv);
    // A namespace-scoped scan (-n, --exclude-namespace) holds only part of the pods a cluster-wide policy may select.
    const scoped = !!(inv.source.namespaces?.length || inv.source.excludedNamespaces?.length);
    // Not understood policies are named by the isolation checks; `{}` / all() selects every future pod;
    // a Cilium selector on reserved: labels targets the host, ingress... (not pods).
    return model.policies
      .filter((p) => p.notUnderstood === undefined && !selectsEveryPod(p) && !p.endpoints?.nonPod)
      .filter((p) => !(scoped && p.namespace === undefined))
      .map((policy): Subject => ({
        object: policy.object,
        policy,
        model,
        labelSets: policy.namespace !== undefined ? new Map([[policy.namespace, sets.get(policy.namespace) ?? new Set()]]) : sets,
      }));
  },
  evaluate({ policy, model, labelSets }: Subject, ctx) {
    const malformed = !policy.endpoints && !policy.podSelector;
    let count = 0;
    for (const [namespace, set] of labelSets) {
      if (policy.namespace === undefined && !model.policiesIn(namespace).includes(policy)) continue;
      count += set.size;
      if (!malformed) for (const labels of set) if (model.selects(policy, namespace, labels)) return;
    }
    const where = policy.namespace !== undefined ? `namespace ${policy.namespace}` : 'any namespace';
    ctx.report({
      messageId: 'selectsNothing',
      data: { kind: policy.object.kind, name: policy.object.metadata.name, where },
      path: selectorPath(policy),
      observed: malformed ? 'a malformed selector (matches nothing)' : `0 of ${count} label sets in ${where} match`,
      expected: 'a selector matching the pods the policy is meant for',
    });
  },
});
