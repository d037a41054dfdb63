import { defineCheck } from '../src/core/check.js';
import type { Inventory } from '../src/core/inventory.js';
import type { KObject } from '../src/core/k8s.js';
import { podLevelSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

const DEFAULT_NAMESPACE = 'default';

/** What Kubernetes itself creates in the default namespace, as Kind/name. */
const BUILT_IN = new Set(['Service/kubernetes', 'ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);
/** What OpenShift adds in every namespace, default included. */
const OPENSHIFT_BUILT_IN = new Set([
  'Service/openshift',
  'ServiceAccount/builder',
  'ServiceAccount/deployer',
  'ConfigMap/openshift-service-ca.crt',
  'RoleBinding/system:image-pullers',
  'RoleBinding/system:image-builders',
  'RoleBinding/system:deployers',
]);
/** Annotation naming the ServiceAccount a token or pull Secret was generated for. */
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

interface Subject {
  object: KObject;
  podCount?: number;
  /** In default and not created there by Kubernetes. */
  misplaced: boolean;
}

function isBuiltIn(o: KObject, inv: Inventory): boolean {
  const key = `${o.kind}/${o.metadata.name}`;
  if (BUILT_IN.has(key) || (inv.platform === 'openshift' && OPENSHIFT_BUILT_IN.has(key))) return true;
  if (o.kind !== 'Secret') return false;
  // Token and pull Secrets the control plane generated for the namespace's built-in accounts.
  const account = o.metadata.annotations?.[SA_NAME_ANNOTATION];
  return (
    account !== undefined &&
    (BUILT_IN.has(`ServiceAccount/${account}`) || (inv.platform === 'openshift' && OPENSHIFT_BUILT_IN.has(`ServiceAccount/${account}`)))
  );
}

export default defineCheck({
  meta: {
    id: 'namespace-default-used',
    title: 'The default namespace holds no workloads or application objects',
    description:
      'Objects placed in the default namespace share it with everything else nobody gave a namespace to: RBAC, NetworkPolicies, quotas and Pod Security levels cannot be tailored to them, and a RoleBinding meant for one application reaches all of them. ' +
      'Rule: a finding for each workload or bare pod (judged through its owner), Service, Ingress, ConfigMap, Secret (metadata only), Role, RoleBinding and ServiceAccount whose metadata.namespace is exactly "default", except what Kubernetes creates there: Service kubernetes, ServiceAccount default, ConfigMap kube-root-ca.crt and token Secrets of the default ServiceAccount (on OpenShift also Service openshift, the per-namespace builder and deployer accounts with their Secrets and RoleBindings, and ConfigMap openshift-service-ca.crt). NetworkPolicies are not counted: they protect the namespace. Manifest objects that name no namespace are placed in --manifest-namespace (default "default") first, as kubectl apply places them.',
    severity: 'low',
    requires: [...POD_SPEC_KEYS, 'services', 'ingresses', 'configMaps', 'secrets', 'roles', 'roleBindings', 'serviceAccounts'],
    messages: { inDefault: '{{kind}} {{name}} is in the default namespace' },
    remediation:
      'Create a namespace per application or team, move the objects there (re-create them with metadata.namespace set; Services, Secrets and RBAC move with their workload), and restrict who may create objects in default.',
    references: ['CIS Kubernetes Benchmark 5.6.4', 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: default}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
      - {name: shop, image: example.com/shop:3.0}`,
  },
  select: (inv): Subject[] => {
    // Every object with a namespace is judged (so the score is the share kept out of default).
    const hasNamespace = (o: KObject): boolean => typeof o.metadata.namespace === 'string';
    const workloads = podLevelSubjects(inv)
      .filter((s) => hasNamespace(s.object))
      .map((s) => ({ object: s.object, podCount: s.podCount, misplaced: s.object.metadata.namespace === DEFAULT_NAMESPACE }));
    const others = [
      ...inv.services,
      ...inv.ingresses,
      ...inv.configMaps,
      ...inv.secrets,
      ...inv.roles,
      ...inv.roleBindings,
      ...inv.serviceAccounts,
    ]
      .filter(hasNamespace)
      .map((object) => ({ object, misplaced: object.metadata.namespace === DEFAULT_NAMESPACE && !isBuiltIn(object, inv) }));
    return [...workloads, ...others];
  },
  evaluate({ object, misplaced }: Subject, ctx) {
    if (!misplaced) return;
    ctx.report({
      messageId: 'inDefault',
      path: '/metadata/namespace',
      observed: 'namespace: default',
      expected: 'a dedicated namespace',
      data: { kind: object.kind, name: object.metadata.name },
    });
  },
});
