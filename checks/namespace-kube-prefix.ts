import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';

/** Namespaces Kubernetes itself creates with the reserved prefix. */
const BUILT_IN = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineCheck({
  meta: {
    id: 'namespace-kube-prefix',
    title: 'No custom namespace uses the reserved kube- prefix',
    description:
      'The kube- prefix is reserved for Kubernetes system namespaces; tools and people treat kube-* as system (kaudit marks their findings as system, policies and dashboards often exempt them), so an application namespace named kube-something escapes scrutiny. Rule: a finding for each namespace whose name starts with kube- other than kube-system, kube-public and kube-node-lease.',
    severity: 'low',
    requires: ['namespaces'],
    messages: { reserved: 'Namespace {{name}} uses the reserved kube- prefix' },
    remediation: 'Move the workloads to a namespace without the kube- prefix and delete this one; reserve kube-* for Kubernetes.',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces'],
    example: `apiVersion: v1
kind: Namespace
metadata: {name: kube-tools}`,
  },
  select: (inv) => inv.namespaces,
  evaluate(ns: KObject, ctx) {
    const name = ns.metadata.name;
    if (name.startsWith('kube-') && !BUILT_IN.has(name))
      ctx.report({
        messageId: 'reserved',
        data: { name },
        path: '/metadata/name',
        observed: name,
        expected: 'a name without the kube- prefix',
      });
  },
});
