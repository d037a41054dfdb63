import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { ESCALATION_KEYS } from './_shared/rbac-escalation.js';
import { serviceAccountIdentity } from './_shared/rbac-identities.js';
import { matchesAny, SKIP_SUBJECTS_DOC, skipPatterns, skipSubjectOptions } from './_shared/rbac-skip-subjects.js';
import { accountPower, type AccountPower } from './_shared/rbac-workload-power.js';
import { saKey, serviceAccountNameOf } from './_shared/service-accounts.js';
import { isMirrorPod } from '../src/core/platform.js';
import { podLevelSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

interface UnusedAccount {
  object: KObject;
  power: AccountPower;
}

export default defineCheck({
  meta: {
    id: 'rbac-unused-powerful-sa',
    title: 'Powerful service accounts are used by a workload',
    description:
      'A service account that can reach cluster-admin power, read secrets in every namespace, or create or exec into pods, but that no workload or pod runs as, is a standing credential with no owner: its rights serve nobody, and a token issued for it (a legacy token Secret, a token requested earlier) keeps working. Informational: the account may serve a pipeline outside the cluster. ' +
      SKIP_SUBJECTS_DOC,
    severity: 'info',
    requires: ESCALATION_KEYS,
    judgesAbsence: POD_SPEC_KEYS,
    messages: { unused: 'ServiceAccount {{account}} {{power}}, and no workload runs as it' },
    remediation:
      'Delete the account and its bindings if nothing uses it (and its legacy token Secrets), or narrow its rights to what the external user needs.',
    references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#periodic-review'],
    options: skipSubjectOptions(),
    example: `apiVersion: v1
kind: ServiceAccount
metadata: {name: old-backup, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules:
- {apiGroups: [''], resources: [secrets], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: old-backup-secrets}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects:
- {kind: ServiceAccount, name: old-backup, namespace: ops}`,
  },
  select: (inv, options) => {
    const skip = skipPatterns(options);
    // A mirror pod runs as no account, so it does not make `default` used.
    const used = new Set(
      podLevelSubjects(inv)
        .filter((s) => !isMirrorPod(s.object))
        .map((s) => saKey(s.object.metadata.namespace, serviceAccountNameOf(s.spec))),
    );
    const out: UnusedAccount[] = [];
    for (const sa of inv.serviceAccounts) {
      const ns = sa.metadata.namespace;
      if (!ns || used.has(saKey(ns, sa.metadata.name))) continue;
      const id = serviceAccountIdentity(ns, sa.metadata.name);
      if (matchesAny(skip, id.key)) continue;
      const power = accountPower(inv, id);
      if (power) out.push({ object: sa, power });
    }
    return out;
  },
  evaluate(u: UnusedAccount, ctx) {
    ctx.report({
      messageId: 'unused',
      data: { account: `${u.object.metadata.namespace}/${u.object.metadata.name}`, power: u.power.summary },
      observed: u.power.evidence,
      expected: 'powerful accounts only where a workload uses them',
    });
  },
});
