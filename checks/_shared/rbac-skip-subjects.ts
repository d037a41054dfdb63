/** The subjects that subject-centric RBAC checks skip: defaults, glob patterns, the options that change them. */
/**
 * Built-in subjects the subject-centric checks skip by default. They hold these rights by design,
 * because the cluster does not run without them: the system:masters group (authorised before RBAC
 * is consulted), kubeadm's administrator group (its admin.conf credential, reviewed under 5.1.1),
 * the controller manager and scheduler, the kubelets (system:nodes / system:node:<name>, limited by
 * the Node authorizer), and the controllers and add-ons that run as ServiceAccounts in kube-system
 * (seen also as User system:serviceaccount:kube-system:<name>). A pattern is Kind/name
 * (ServiceAccount/<namespace>/<name>), '*' matching any run of characters.
 */
export const DEFAULT_SKIP_SUBJECTS: readonly string[] = [
  'Group/system:masters',
  'Group/kubeadm:cluster-admins',
  'User/system:kube-controller-manager',
  'User/system:kube-scheduler',
  'Group/system:nodes',
  'User/system:node:*',
  'User/system:serviceaccount:kube-system:*',
  'ServiceAccount/kube-system/*',
];

const globCache = new Map<string, RegExp>();

/** Whether a key matches a pattern where '*' stands for any run of characters (case-sensitive). */
export function globMatches(pattern: string, key: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    globCache.set(pattern, re);
  }
  return re.test(key);
}

export const matchesAny = (patterns: readonly string[], key: string): boolean => patterns.some((p) => globMatches(p, key));

/** The subject skip patterns in force: the defaults (or their replacement) plus the extra ones. */
export function skipPatterns(options: {
  readonly skipSubjects?: readonly string[];
  readonly extraSkipSubjects?: readonly string[];
}): string[] {
  return [...(options.skipSubjects ?? DEFAULT_SKIP_SUBJECTS), ...(options.extraSkipSubjects ?? [])];
}

/** The options of a subject-centric check (a fresh object per check). */
export const skipSubjectOptions = () =>
  ({
    defaults: { skipSubjects: [...DEFAULT_SKIP_SUBJECTS], extraSkipSubjects: [] as string[] },
    schema: {
      type: 'object',
      properties: {
        skipSubjects: {
          type: 'array',
          items: { type: 'string' },
          description:
            'Subjects not judged, as Kind/name patterns (ServiceAccount/<namespace>/<name>; * matches anything). Replaces the defaults (built-in system subjects that need these rights to run the cluster).',
        },
        extraSkipSubjects: {
          type: 'array',
          items: { type: 'string' },
          description: 'Patterns skipped in addition to skipSubjects, e.g. ServiceAccount/kaudit/kaudit.',
        },
      },
      additionalProperties: false,
    },
  }) as const;

export const SKIP_SUBJECTS_DOC =
  'Built-in system subjects are skipped by default (option skipSubjects: system:masters, kubeadm:cluster-admins, the controller manager, the scheduler, the nodes, and ServiceAccounts in kube-system): they need these rights to run the cluster. Add your own with extraSkipSubjects; set skipSubjects to [] to judge them too.';
