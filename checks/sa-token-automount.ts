import { defineCheck } from '../src/core/check.js';
import {
  rbacBindingIndex,
  saKey,
  serviceAccountIndex,
  serviceAccountNameOf,
  SERVICE_ACCOUNT_KEYS,
  tokenMount,
  type TokenMount,
} from './_shared/service-accounts.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

interface Subject extends PodSpecSubject {
  serviceAccount: string;
  mount: TokenMount;
  bound: boolean;
}

const OBSERVED: Record<TokenMount['source'], string> = {
  mirror: 'a mirror pod (static pods mount no token)',
  pod: 'automountServiceAccountToken: true',
  serviceAccount: 'automountServiceAccountToken unset; the ServiceAccount sets true',
  default: 'automountServiceAccountToken unset on the pod and the ServiceAccount (defaults to true)',
};

export default defineCheck({
  meta: {
    id: 'sa-token-automount',
    title: 'Service-account tokens are mounted only where the pod uses the API',
    description:
      'A mounted service-account token is a credential any process in the pod, or anyone who compromises it, can present to the API server. A pod whose account holds no role gains little from it but an attacker gains an authenticated identity (discovery, self-reviews, and whatever is later granted to the account or its groups). ' +
      'Rule: a finding for each workload or bare pod (judged through its owner) that mounts a token (spec.automountServiceAccountToken; if unset, the ServiceAccount\'s automountServiceAccountToken; if both unset, true) while its ServiceAccount (serviceAccountName, default "default") is bound by no RoleBinding or ClusterRoleBinding: none names it as a ServiceAccount subject, none binds the group system:serviceaccounts:<namespace>, and none other than Kubernetes\' bootstrap defaults binds the group system:serviceaccounts. Only RBAC is considered; a pod that uses its token outside Kubernetes RBAC (for example against Vault) should project a token explicitly instead. Mirror pods (static pods) run as no account and are not judged.',
    severity: 'low',
    requires: [...POD_SPEC_KEYS, ...SERVICE_ACCOUNT_KEYS],
    // The finding is the absence of a binding: unread bindings must not look like none.
    judgesAbsence: SERVICE_ACCOUNT_KEYS,
    messages: {
      unneeded:
        '{{kind}} {{name}} mounts a token of ServiceAccount {{serviceAccount}}, which no RoleBinding or ClusterRoleBinding grants anything',
    },
    remediation:
      'Set automountServiceAccountToken: false in the pod template (or on the ServiceAccount, if no pod using it needs a token). Pods that must authenticate elsewhere can mount a projected serviceAccountToken volume with a specific audience and short expiry.',
    references: [
      'CIS Kubernetes Benchmark 5.1.6',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
    example: `apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}   # no RoleBinding or ClusterRoleBinding names it
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers:
      - {name: web, image: nginx:1.27}`,
  },
  select: (inv): Subject[] => {
    const accounts = serviceAccountIndex(inv);
    const isBound = rbacBindingIndex(inv);
    return podLevelSubjects(inv).map((pod) => {
      const namespace = pod.object.metadata.namespace;
      const name = serviceAccountNameOf(pod.spec);
      const mount = tokenMount(pod, accounts.get(saKey(namespace, name)));
      return { ...pod, serviceAccount: namespace ? `${namespace}/${name}` : name, mount, bound: isBound(namespace, name) };
    });
  },
  evaluate(subject: Subject, ctx) {
    if (!subject.mount.mounted || subject.bound) return;
    ctx.report({
      messageId: 'unneeded',
      path: `${subject.specPath}/automountServiceAccountToken`,
      observed: OBSERVED[subject.mount.source],
      expected: `automountServiceAccountToken: false (ServiceAccount ${subject.serviceAccount} has no RBAC binding)`,
      data: { kind: subject.object.kind, name: subject.object.metadata.name, serviceAccount: subject.serviceAccount },
    });
  },
});
