import { defineCheck } from '../src/core/check.js';
import { isSystemNamespace } from '../src/core/inventory.js';
import { podSpecSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

interface Subject {
  namespace: string;
  quota: boolean;
  limitRange: boolean;
}

export default defineCheck({
  meta: {
    id: 'namespace-resource-quota',
    title: 'Application namespaces have a ResourceQuota and a LimitRange',
    description:
      'A namespace is a boundary only if one tenant cannot starve the others: a ResourceQuota caps what the namespace may take in total (CPU, memory, pods, services), a LimitRange gives every container defaults and maxima. Rule: each namespace with workloads, outside system namespaces (kube-*, openshift-*), needs at least one ResourceQuota and one LimitRange.',
    severity: 'low',
    requires: ['resourceQuotas', 'limitRanges', ...POD_SPEC_KEYS],
    judgesAbsence: ['resourceQuotas', 'limitRanges'],
    messages: {
      noQuota: 'Namespace {{namespace}} runs workloads without a ResourceQuota',
      noLimitRange: 'Namespace {{namespace}} runs workloads without a LimitRange',
    },
    remediation:
      'Create a ResourceQuota (requests.cpu, requests.memory, limits.memory, pods) and a LimitRange (default and max per container) in every application namespace, sized from its observed usage.',
    references: [
      'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
      'https://kubernetes.io/docs/concepts/policy/limit-range/',
      'NSA/CISA Kubernetes Hardening Guide: resource policies',
    ],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: 'web:1'}]}`,
  },
  select(inv) {
    const quotas = new Set(inv.resourceQuotas.map((q) => q.metadata.namespace));
    const ranges = new Set(inv.limitRanges.map((l) => l.metadata.namespace));
    const namespaces = new Set(
      podSpecSubjects(inv)
        .map((s) => s.object.metadata.namespace)
        .filter((ns): ns is string => ns !== undefined && !isSystemNamespace(ns)),
    );
    return [...namespaces].sort().map((namespace) => ({ namespace, quota: quotas.has(namespace), limitRange: ranges.has(namespace) }));
  },
  resourceOf: (s: Subject) => ({ apiVersion: 'v1', kind: 'Namespace', name: s.namespace }),
  evaluate(s: Subject, ctx) {
    if (!s.quota)
      ctx.report({ messageId: 'noQuota', data: { namespace: s.namespace }, observed: 'no ResourceQuota', expected: 'a ResourceQuota' });
    if (!s.limitRange)
      ctx.report({ messageId: 'noLimitRange', data: { namespace: s.namespace }, observed: 'no LimitRange', expected: 'a LimitRange' });
  },
});
