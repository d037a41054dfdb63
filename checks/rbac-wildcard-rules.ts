import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { type PolicyRule, rulesOf } from './_shared/rbac-rules.js';
import { RBAC_KEYS, rbacIndex } from './_shared/rbac-index.js';
import { globMatches } from './_shared/rbac-skip-subjects.js';

/**
 * Roles not judged by default: cluster-admin (wildcards are its purpose, reviewed under 5.1.1) and
 * the default user-facing roles that aggregate others (their rules are the union of the roles
 * labelled into them, which are judged themselves).
 */
const DEFAULT_SKIP_ROLES = [
  'ClusterRole/cluster-admin',
  'ClusterRole/admin',
  'ClusterRole/edit',
  'ClusterRole/view',
  'ClusterRole/system:aggregate-to-*',
];

const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

interface RoleSubject {
  role: KObject;
  /** Who holds its rules: bindings of the role and of ClusterRoles aggregating it. */
  boundBy: string[];
}

const roleKey = (r: KObject): string =>
  r.kind === 'Role' ? `Role/${r.metadata.namespace ?? ''}/${r.metadata.name}` : `ClusterRole/${r.metadata.name}`;

const bindingLabel = (b: KObject): string =>
  b.kind === 'RoleBinding' ? `RoleBinding ${b.metadata.namespace ?? ''}/${b.metadata.name}` : `${b.kind} ${b.metadata.name}`;

function words(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Binding kinds whose failed read means "no binding seen" is not "not bound". */
const BINDING_KEYS = new Set(['roleBindings', 'clusterRoleBindings']);

function boundText(boundBy: string[], bindingsUnread: boolean): string {
  if (!boundBy.length) return bindingsUnread ? 'bound by no binding that was read (bindings could not all be read)' : 'not bound';
  const shown = boundBy.slice(0, 3);
  return `bound by ${shown.join(', ')}${boundBy.length > 3 ? ` and ${boundBy.length - 3} more` : ''}`;
}

/** The rule's fields as written: `apiGroups: [*], resources: [*], verbs: [*]` (the core group as ""). */
function ruleFields(rule: PolicyRule): string {
  const parts: string[] = [];
  for (const f of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'verbs'] as const) {
    const v = rule[f];
    if (Array.isArray(v) && v.length) parts.push(`${f}: [${v.map((x) => (x === '' ? '""' : x)).join(', ')}]`);
  }
  return parts.join(', ');
}

export default defineCheck({
  meta: {
    id: 'rbac-wildcard-rules',
    title: 'Roles name their verbs, resources and API groups instead of using wildcards',
    description:
      "A '*' in a rule's verbs, resources or apiGroups grants everything that exists now and everything added later: new verbs such as escalate, subresources such as pods/exec, every custom resource an operator installs. The role then grants far more than whoever wrote it meant. The check is role-centric: it reports each rule of a Role or ClusterRole with '*' in one of those fields (including '*/subresource'), and says which bindings give the role to subjects (directly or through an aggregated ClusterRole). Not judged by default (option skipRoles): cluster-admin, whose purpose is to grant everything and which 5.1.1 reviews, and the default aggregated roles admin, edit, view and system:aggregate-to-*. ClusterRoles with an aggregationRule are not judged either: their rules are copies of the roles they aggregate, which are judged themselves. Option skipBootstrapRoles (on by default) also skips Kubernetes' own system: roles labelled kubernetes.io/bootstrapping=rbac-defaults, such as the controller manager's and the garbage collector's, which need to reach every resource.",
    severity: 'medium',
    requires: RBAC_KEYS,
    messages: { wildcard: "{{roleKind}} {{role}} has '*' in {{fields}} (rule {{index}}), {{bound}}" },
    remediation:
      "Replace each '*' by the verbs, resources and API groups the subject needs (kubectl auth can-i --list and the audit log show what it uses). Where a tool truly needs every resource of a group, list the verbs at least, and keep write verbs off secrets, RBAC objects and webhook configurations.",
    references: ['CIS Kubernetes Benchmark 5.1.3', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
    options: {
      defaults: { skipRoles: DEFAULT_SKIP_ROLES, skipBootstrapRoles: true },
      schema: {
        type: 'object',
        properties: {
          skipRoles: {
            type: 'array',
            items: { type: 'string' },
            description: 'Roles not judged, as ClusterRole/<name> or Role/<namespace>/<name> patterns (* matches anything).',
          },
          skipBootstrapRoles: {
            type: 'boolean',
            description: 'Skip the system: roles Kubernetes creates (label kubernetes.io/bootstrapping=rbac-defaults).',
          },
        },
        additionalProperties: false,
      },
    },
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ci-deployer}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}`,
  },
  select: (inv, options) => {
    const skip = options.skipRoles;
    const skipBootstrap = options.skipBootstrapRoles !== false;
    const index = rbacIndex(inv);
    return [...inv.clusterRoles, ...inv.roles]
      .filter((role) => !role.aggregationRule)
      .filter((role) => !skip.some((p) => globMatches(p, roleKey(role))))
      .filter(
        (role) =>
          !(skipBootstrap && role.metadata.name.startsWith('system:') && role.metadata.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults'),
      )
      .map((role): RoleSubject => {
        const aggregators = index.aggregatorsOf(role);
        const boundBy = index.bindingsGranting(role).map((b) => {
          const via = index.roleOf(b);
          return via && via !== role && aggregators.includes(via)
            ? `${bindingLabel(b)} (through aggregated ClusterRole ${via.metadata.name})`
            : bindingLabel(b);
        });
        return { role, boundBy };
      });
  },
  resourceOf: ({ role }: RoleSubject) => ({
    apiVersion: role.apiVersion,
    kind: role.kind,
    namespace: role.metadata.namespace,
    name: role.metadata.name,
  }),
  evaluate({ role, boundBy }: RoleSubject, ctx) {
    rulesOf(role).forEach((rule, i) => {
      const fields = FIELDS.filter((f) => (Array.isArray(rule[f]) ? rule[f] : []).some((v) => typeof v === 'string' && v.includes('*')));
      if (!fields.length) return;
      ctx.report({
        messageId: 'wildcard',
        path: `/rules/${i}`,
        data: {
          roleKind: role.kind,
          role: role.kind === 'Role' ? `${role.metadata.namespace ?? ''}/${role.metadata.name}` : role.metadata.name,
          fields: words([...fields]),
          index: i,
          bound: boundText(
            boundBy,
            ctx.inventory.coverage.some((c) => BINDING_KEYS.has(c.key)),
          ),
        },
        observed: ruleFields(rule),
        expected: 'explicit verbs, resources and apiGroups',
      });
    });
  },
});
