import { defineCheck } from '../src/core/check.js';
import { ESCALATION_KEYS } from './_shared/rbac-escalation.js';
import { EXPOSURE_KEYS, exposureOf } from './_shared/rbac-exposure.js';
import { serviceAccountIdentity } from './_shared/rbac-identities.js';
import { matchesAny, SKIP_SUBJECTS_DOC, skipPatterns, skipSubjectOptions } from './_shared/rbac-skip-subjects.js';
import { accountPower, POWER_RANK, type AccountPower } from './_shared/rbac-workload-power.js';
import { saKey, serviceAccountIndex, serviceAccountNameOf, tokenMount } from './_shared/service-accounts.js';
import { podLevelSubjects, type PodSpecSubject } from './_shared/workloads.js';

interface WorkloadIdentity {
  subject: PodSpecSubject;
  account: string;
  power: AccountPower;
  exposure: string[];
  /** podCount for the engine. */
  podCount: number;
  object: PodSpecSubject['object'];
}

export default defineCheck({
  meta: {
    id: 'rbac-workload-identity',
    title: 'Workloads do not carry service accounts that hand over the cluster',
    description:
      "A pod's service-account token is mounted in every container, so whoever compromises the pod (a vulnerable dependency, a server-side request forgery, a leaked image) holds the account's rights. The check follows each workload to the account its pods run as and fails it when the token is mounted and the account is cluster-admin equivalent, has a path to cluster-admin power (see rbac-escalation-path), can read secrets in every namespace, or can create pods or exec into them. The finding names the account's strongest such power with its path or grants, the number of pods, and the LoadBalancer or NodePort Service or Ingress that exposes the workload; exposed workloads are listed first. A workload that does not mount the token (automountServiceAccountToken: false on the pod or the account) passes, and so does a mirror pod (a static pod runs as no account). " +
      SKIP_SUBJECTS_DOC,
    severity: 'high',
    requires: [...ESCALATION_KEYS, ...EXPOSURE_KEYS],
    messages: {
      identity: '{{kind}} {{name}} runs as ServiceAccount {{account}} with its token mounted, which {{power}}{{exposed}}',
    },
    remediation:
      'Give the workload its own service account with only the rights it needs (a Role in its namespace, resourceNames where possible), and set automountServiceAccountToken: false on the pod or the account when it does not call the API. Controllers and operators that need broad rights should run in dedicated, non-exposed namespaces; add accounts that hold their rights by design to the option extraSkipSubjects.',
    references: [
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      'CIS Kubernetes Benchmark 5.1.5, 5.1.6',
    ],
    options: skipSubjectOptions(),
    ordered: true,
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: old-app, namespace: legacy}
spec:
  selector: {matchLabels: {app: old-app}}
  template:
    metadata: {labels: {app: old-app}}
    spec:
      containers: [{name: app, image: old-app:1.0}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules:
- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-default-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects:
- {kind: ServiceAccount, name: default, namespace: legacy}`,
  },
  select: (inv, options) => {
    const skip = skipPatterns(options);
    const accounts = serviceAccountIndex(inv);
    const out: WorkloadIdentity[] = [];
    for (const subject of podLevelSubjects(inv)) {
      const ns = subject.object.metadata.namespace;
      if (!ns) continue;
      const name = serviceAccountNameOf(subject.spec);
      const id = serviceAccountIdentity(ns, name);
      if (matchesAny(skip, id.key) || !tokenMount(subject, accounts.get(saKey(ns, name))).mounted) continue;
      const power = accountPower(inv, id);
      if (power)
        out.push({
          subject,
          account: saKey(ns, name),
          power,
          exposure: exposureOf(inv, subject),
          podCount: subject.podCount,
          object: subject.object,
        });
    }
    // Exposed workloads first, then by power, then by pods affected.
    return out.sort(
      (a, b) =>
        Number(!a.exposure.length) - Number(!b.exposure.length) ||
        POWER_RANK[a.power.level] - POWER_RANK[b.power.level] ||
        b.podCount - a.podCount,
    );
  },
  evaluate(w: WorkloadIdentity, ctx) {
    ctx.report({
      messageId: 'identity',
      path: `${w.subject.specPath}/serviceAccountName`,
      data: {
        kind: w.object.kind,
        name: `${w.object.metadata.namespace}/${w.object.metadata.name}`,
        account: w.account,
        power: w.power.summary,
        exposed: w.exposure.length ? `, and is exposed by ${w.exposure.join(', ')}` : '',
      },
      observed: w.power.evidence,
      expected:
        'a service account without cluster-admin power, escalation paths, cluster-wide secret access or pod creation/exec, or no mounted token',
    });
  },
});
