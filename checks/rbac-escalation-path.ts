import { defineCheck, refOf, type ResourceRef } from '../src/core/check.js';
import { ESCALATION_KEYS, escalationGraph, hopBinding, pathEvidence, type Hop } from './_shared/rbac-escalation.js';
import { identityIndex, identityLabel, type Identity } from './_shared/rbac-identities.js';
import { rbacIndex } from './_shared/rbac-index.js';
import { matchesAny, SKIP_SUBJECTS_DOC, skipPatterns, skipSubjectOptions } from './_shared/rbac-skip-subjects.js';

interface PathSubject {
  identity: Identity;
  hops: Hop[];
  resource: ResourceRef;
  subjectIndex: number;
}

export default defineCheck({
  meta: {
    id: 'rbac-escalation-path',
    title: 'No subject can turn its rights into cluster-admin power',
    description:
      "Rights lead to more rights: creating pods in a namespace runs code as any service account there, creating serviceaccounts/token or reading legacy token Secrets yields an account, nodes/proxy reaches the kubelet API and every pod on the node, bind or escalate with write access to bindings or roles grants any role, impersonation becomes another identity, a self-approved CSR for the kube-apiserver-client signer is a certificate for system:masters, and a mutating webhook rewrites every object. The check builds that graph over every binding (aggregated roles, wildcards, resourceNames, group and service-account subjects) and reports each subject with a path to cluster-admin-equivalent power, with every step and the binding and rule that grant it (`kaudit rbac paths` prints the same paths). A subject that holds every verb on every resource directly is reported too. The first binding of the path is the finding's resource. " +
      SKIP_SUBJECTS_DOC,
    severity: 'high',
    requires: ESCALATION_KEYS,
    messages: {
      direct: '{{subject}} holds cluster-admin power directly: {{how}}',
      path: '{{subject}} can reach cluster-admin power in {{steps}}, starting with: {{how}}',
    },
    remediation:
      "Break the first step of the path: remove or narrow the binding it names (a RoleBinding in one namespace instead of a ClusterRoleBinding, resourceNames, no wildcard, no bind/escalate/impersonate). Where the path runs through a workload's service account, give that workload an account with only what it needs and set automountServiceAccountToken: false where it needs none. Subjects that are cluster administrators by design belong in the check option extraSkipSubjects.",
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    ],
    options: skipSubjectOptions(),
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: rbac-manager}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [get, list, bind]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [get, list, create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-rbac-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: rbac-manager}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: platform-team}`,
  },
  select: (inv, options) => {
    const skip = skipPatterns(options);
    const graph = escalationGraph(inv);
    const out: PathSubject[] = [];
    for (const identity of identityIndex(rbacIndex(inv)).identities) {
      if (matchesAny(skip, identity.key)) continue;
      const hops = graph.pathFrom(identity);
      const head = hops?.[0];
      const first = head && hopBinding(head);
      if (!hops || !first) continue;
      out.push({ identity, hops, resource: refOf(first.binding)!, subjectIndex: first.subjectIndex });
    }
    return out;
  },
  resourceOf: (s: PathSubject) => s.resource,
  evaluate(s: PathSubject, ctx) {
    const [first] = s.hops;
    if (!first) return; // collect keeps only identities with a path
    const direct = s.hops.length === 1 && first.right === 'admin';
    ctx.report({
      messageId: direct ? 'direct' : 'path',
      path: `/subjects/${s.subjectIndex}`,
      data: {
        subject: identityLabel(s.identity),
        steps: `${s.hops.length} step${s.hops.length > 1 ? 's' : ''}`,
        how: `${first.asMember ? `as member of Group ${first.asMember}, ` : ''}${first.action}`,
      },
      observed: pathEvidence(s.hops),
      expected: 'no path to cluster-admin power for subjects that are not cluster administrators by design',
    });
  },
});
