/** Subject-centric checks: one finding per (subject, binding) that grants a risky right. */
import { defineCheck, refOf, type Check } from '../../src/core/check.js';
import type { Severity } from '../../src/core/severity.js';
import { RBAC_KEYS, rbacIndex, type SubjectBinding } from './rbac-index.js';
import { matchRules, type AccessRequest } from './rbac-rules.js';
import { matchesAny, SKIP_SUBJECTS_DOC, skipPatterns, skipSubjectOptions } from './rbac-skip-subjects.js';
import { describeAccess, describeMatch, scopeOf, uniq } from './rbac-wording.js';

export interface SubjectRightCheckSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  requests: readonly AccessRequest[];
  /** The expected state, in words. */
  expected: string;
  remediation: string;
  references: string[];
  example: string;
}

export type SubjectRightMessage = 'granted';

/**
 * A check reporting every subject of every binding through which a subject holds one of the
 * requests: resource = the binding, path = /subjects/<i>, observed = the granting rule(s).
 */
export function subjectRightCheck(
  spec: SubjectRightCheckSpec,
): Check<SubjectBinding, SubjectRightMessage, ReturnType<typeof skipSubjectOptions>['schema']> {
  return defineCheck({
    meta: {
      id: spec.id,
      title: spec.title,
      description: `${spec.description} ${SKIP_SUBJECTS_DOC}`,
      severity: spec.severity,
      requires: RBAC_KEYS,
      messages: {
        granted:
          '{{subjectKind}} {{subject}} can {{access}} {{scope}} through {{roleKind}} {{role}} bound by {{bindingKind}} {{binding}}{{limit}}',
      },
      remediation: spec.remediation,
      references: spec.references,
      options: skipSubjectOptions(),
      example: spec.example,
    },
    select: (inv, options) => {
      const skip = skipPatterns(options);
      return rbacIndex(inv).subjectBindings.filter((sb) => !matchesAny(skip, sb.key));
    },
    resourceOf: (sb) => refOf(sb.binding)!,
    evaluate(sb, ctx) {
      const matches = matchRules(sb, spec.requests);
      if (!matches.length) return;
      const granted = spec.requests.filter((r) => matches.some((m) => m.requests.includes(r)));
      const restricted = matches.every((m) => m.restrictedTo);
      const names = uniq(matches.flatMap((m) => m.restrictedTo ?? []));
      ctx.report({
        messageId: 'granted',
        path: `/subjects/${sb.subjectIndex}`,
        data: {
          subjectKind: sb.subject.kind,
          subject: sb.label,
          access: describeAccess(granted),
          scope: scopeOf(sb),
          roleKind: sb.roleKind,
          role: sb.role.metadata.name,
          bindingKind: sb.binding.kind,
          binding: sb.binding.metadata.name,
          limit: restricted ? ` (only on resourceNames ${names.join(', ')})` : '',
        },
        observed: matches.map((m) => describeMatch(sb, m, m.requests)).join('; '),
        expected: spec.expected,
      });
    },
  });
}
