import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import {
  builtinDrift,
  defaultsFor,
  knownMinors,
  serverMinor,
  type BindingDrift,
  type DefaultsChoice,
  type RoleDrift,
} from './_shared/rbac-defaults.js';
import { RBAC_KEYS, type RbacSubject } from './_shared/rbac-index.js';
import { matchesAny } from './_shared/rbac-skip-subjects.js';

type Subject = { object: KObject; choice: DefaultsChoice } & ({ role: RoleDrift } | { binding: BindingDrift });

const subjectText = (s: RbacSubject) => `${s.kind} ${s.kind === 'ServiceAccount' ? `${s.namespace ?? '(no namespace)'}/` : ''}${s.name}`;

/** What the defaults are and where they come from, for `expected`. */
function expectedOf(c: DefaultsChoice): string {
  const src = c.defaults.rolesSource;
  return `the Kubernetes 1.${c.defaults.minor} defaults (${src.repository}@${src.commit.slice(0, 12)})${c.nearest ? `; ${c.nearest}` : ''}`;
}

export default defineCheck({
  meta: {
    id: 'rbac-builtin-defaults',
    title: "Kubernetes' built-in ClusterRoles and ClusterRoleBindings grant no more than their defaults",
    description:
      "Kubernetes creates its built-in roles and bindings (cluster-admin, admin, edit, view, system:*) at every API server start, and every skip list and reader trusts them to be what upstream ships. A rule added to system:basic-user is granted to every authenticated user; a ClusterRole labelled aggregate-to-view widens view (say, to read Secrets) for everyone bound to it; a subject added to the cluster-admin binding is a new cluster admin that looks built-in. Rule: each built-in ClusterRole present is compared with the default rules of the server's minor (kaudit ships them as data, generated from Kubernetes' bootstrap policy; see docs/rbac.md for the minors and their provenance); aggregation is resolved, so a rule counts as added when neither the role's own defaults nor those of the built-in roles it aggregates by default grant it, and the evidence names the ClusterRole that carries it; through aggregation only rules on the built-in API groups (or '*', or non-resource URLs) count, since an add-on's own custom resources joining view, edit or admin are what aggregation is for. Each built-in ClusterRoleBinding is compared with its default subjects and roleRef. Only additions count (a narrower built-in role is not a risk). A server older than the oldest minor kaudit has data for is compared with the nearest newer minor's defaults (said in the evidence); a newer server, or an unknown version (plain --manifests), is not assessed.",
    severity: 'high',
    requires: [...RBAC_KEYS, 'version'],
    messages: {
      widened: 'ClusterRole {{name}} grants more than its Kubernetes 1.{{minor}} default: {{added}}',
      subjects:
        'ClusterRoleBinding {{name}} binds ClusterRole {{role}} to {{subjects}} beyond its Kubernetes 1.{{minor}} default ({{defaults}})',
      roleRef: 'ClusterRoleBinding {{name}} binds ClusterRole {{role}} instead of its Kubernetes 1.{{minor}} default {{defaultRole}}',
    },
    remediation:
      'Remove the added rules or subjects; grant extra rights through roles and bindings of your own, named for their purpose, so that built-in names keep meaning what upstream ships. For a ClusterRole that widens admin, edit or view through an aggregate-to-* label, drop the label or narrow its rules; allow it with the option allowedAggregations only when every holder of that role should have them.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    options: {
      defaults: { allowedAggregations: [] },
      schema: {
        type: 'object',
        properties: {
          allowedAggregations: {
            type: 'array',
            items: { type: 'string' },
            description:
              'ClusterRole names (`*` wildcards) whose rules may widen a built-in aggregated role (admin, edit, view) through an aggregate-to-* label',
          },
        },
        additionalProperties: false,
      },
    },
    example: `# A rule added to the built-in view role (aggregated into edit and admin too); GET /version gives the minor
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secrets-for-viewers
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules: []`,
  },
  select(inv, options) {
    const found = serverMinor(inv.version);
    if (!found)
      return notAssessed(
        `the server version is unknown (${inv.version?.gitVersion ?? 'not read; --manifests carry none'}): the built-in defaults depend on it (kaudit has them for ${knownMinors()})`,
      );
    const choice = defaultsFor(found);
    if ('newerThan' in choice)
      return notAssessed(
        `Kubernetes 1.${found.minor} (${found.source}) is newer than the built-in RBAC defaults kaudit has (${knownMinors()}): update kaudit`,
      );
    const allowed = options.allowedAggregations;
    const drift = builtinDrift(inv, choice.defaults, (name) => matchesAny(allowed, name));
    return [
      ...drift.roles.map((role): Subject => ({ object: role.role, choice, role })),
      ...drift.bindings.map((binding): Subject => ({ object: binding.binding, choice, binding })),
    ];
  },
  evaluate(s: Subject, ctx) {
    const minor = s.choice.defaults.minor;
    const name = s.object.metadata.name;
    const expected = expectedOf(s.choice);
    if ('role' in s) {
      const added = [
        ...s.role.added.map((a) => `${a.beyond.join(', ')}${a.carrier !== name ? ` (from ClusterRole ${a.carrier})` : ''}`),
        ...s.role.addedSelectors.map((sel) => `aggregation selector ${JSON.stringify(sel)}`),
      ];
      ctx.report({
        messageId: 'widened',
        path: s.role.added.length ? '/rules' : '/aggregationRule',
        data: { name, minor, added: added.join('; ') },
        observed: added.join('; '),
        expected,
      });
      return;
    }
    const b = s.binding;
    const defaults = s.choice.defaults.clusterRoleBindings[name];
    if (b.roleChanged !== undefined)
      ctx.report({
        messageId: 'roleRef',
        path: '/roleRef',
        data: { name, role: b.roleChanged, minor, defaultRole: defaults?.role ?? '' },
        observed: `roleRef ClusterRole ${b.roleChanged}`,
        expected,
      });
    if (!b.addedSubjects.length) return;
    const subjects = b.addedSubjects.map((a) => subjectText(a.subject)).join(', ');
    ctx.report({
      messageId: 'subjects',
      path: `/subjects/${b.addedSubjects[0]?.index ?? 0}`,
      data: {
        name,
        role: String((s.object.roleRef as { name?: unknown } | undefined)?.name ?? ''),
        subjects,
        minor,
        defaults: defaults?.subjects.map(subjectText).join(', ') || 'no subject',
      },
      observed: `added: ${subjects}`,
      expected,
    });
  },
});
