import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { textAt } from '../src/core/shape.js';
import { subjectNamespace, subjectsOf } from './_shared/rbac-index.js';
import {
  saKey,
  serviceAccountIndex,
  serviceAccountNameOf,
  SERVICE_ACCOUNT_KEYS,
  tokenMount,
  type TokenMount,
} from './_shared/service-accounts.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

type Subject =
  | { type: 'pod'; object: KObject; podCount: number; pod: PodSpecSubject; usesDefault: boolean; mount: TokenMount }
  | { type: 'binding'; object: KObject }
  | { type: 'account'; object: KObject };

const display = (namespace: string | undefined, name: string): string => (namespace ? `${namespace}/${name}` : name);

export default defineCheck({
  meta: {
    id: 'sa-default-used',
    title: 'Default service accounts are not used',
    description:
      'Every namespace has a ServiceAccount named default that every pod without serviceAccountName runs as. Permissions granted to it reach all those pods, and its token is mounted into them unless switched off. ' +
      'Rule: a finding for each workload or bare pod (judged through its owner) whose serviceAccountName is unset or "default" and whose token is mounted (spec.automountServiceAccountToken not false, or unset while the ServiceAccount does not set it false); for each RoleBinding or ClusterRoleBinding subject naming a ServiceAccount called default; and for each ServiceAccount named default whose automountServiceAccountToken is not false. Mirror pods (the API copies of static pods, annotated kubernetes.io/config.mirror) run as no account and mount no token: they are not judged.',
    severity: 'medium',
    requires: [...POD_SPEC_KEYS, ...SERVICE_ACCOUNT_KEYS],
    // An unread ServiceAccount would look like one that mounts its token (the default).
    judgesAbsence: ['serviceAccounts'],
    messages: {
      podUsesDefault: '{{kind}} {{name}} runs as the default ServiceAccount with its token mounted',
      bindingToDefault: '{{bindingKind}} {{binding}} grants {{roleKind}} {{role}} to ServiceAccount {{serviceAccount}}',
      automountEnabled: 'ServiceAccount {{serviceAccount}} does not set automountServiceAccountToken: false',
    },
    remediation:
      'Set automountServiceAccountToken: false on every default ServiceAccount. Give each workload that calls the API its own ServiceAccount (spec.serviceAccountName) with a narrow Role, and move any RoleBinding or ClusterRoleBinding of a default account to that dedicated account.',
    references: [
      'CIS Kubernetes Benchmark 5.1.5',
      'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
    ],
    example: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}   # automountServiceAccountToken not set to false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: default-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: ServiceAccount, name: default, namespace: shop}`,
  },
  select: (inv): Subject[] => {
    const accounts = serviceAccountIndex(inv);
    const subjects: Subject[] = [];
    for (const pod of podLevelSubjects(inv)) {
      const name = serviceAccountNameOf(pod.spec);
      const mount = tokenMount(pod, accounts.get(saKey(pod.object.metadata.namespace, name)));
      subjects.push({ type: 'pod', object: pod.object, podCount: pod.podCount, pod, usesDefault: name === 'default', mount });
    }
    for (const object of [...inv.roleBindings, ...inv.clusterRoleBindings]) subjects.push({ type: 'binding', object });
    for (const object of inv.serviceAccounts) if (object.metadata.name === 'default') subjects.push({ type: 'account', object });
    return subjects;
  },
  evaluate(subject: Subject, ctx) {
    const { object } = subject;
    if (subject.type === 'pod') {
      if (!subject.usesDefault || !subject.mount.mounted) return;
      const { spec, specPath } = subject.pod;
      const { source } = subject.mount;
      const explicit = source === 'pod';
      ctx.report({
        messageId: 'podUsesDefault',
        path: explicit ? `${specPath}/automountServiceAccountToken` : `${specPath}/serviceAccountName`,
        observed: `serviceAccountName ${spec.serviceAccountName || 'unset'}; token mounted (${explicit ? 'automountServiceAccountToken: true' : source === 'serviceAccount' ? 'the ServiceAccount sets automountServiceAccountToken: true' : 'automountServiceAccountToken unset'})`,
        expected: 'a dedicated ServiceAccount, or automountServiceAccountToken: false',
        data: { kind: object.kind, name: object.metadata.name },
      });
    } else if (subject.type === 'binding') {
      subjectsOf(object).forEach((s, i) => {
        if (s.kind !== 'ServiceAccount' || s.name !== 'default') return;
        const serviceAccount = display(subjectNamespace(object, s), s.name);
        ctx.report({
          messageId: 'bindingToDefault',
          path: `/subjects/${i}`,
          observed: `subject ServiceAccount ${serviceAccount}`,
          expected: 'no binding to a default ServiceAccount',
          data: {
            bindingKind: object.kind,
            binding: object.metadata.name,
            roleKind: textAt(object.roleRef, 'kind'),
            role: textAt(object.roleRef, 'name'),
            serviceAccount,
          },
        });
      });
    } else if (object.automountServiceAccountToken !== false) {
      ctx.report({
        messageId: 'automountEnabled',
        path: '/automountServiceAccountToken',
        observed:
          object.automountServiceAccountToken === undefined
            ? 'unset (tokens are mounted)'
            : `automountServiceAccountToken: ${String(object.automountServiceAccountToken)}`,
        expected: 'automountServiceAccountToken: false',
        data: { serviceAccount: display(object.metadata.namespace, object.metadata.name) },
      });
    }
  },
});
