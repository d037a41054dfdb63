/**
 * Label selectors, one matcher for every place that needs one: metav1.LabelSelector objects
 * (aggregation rules, NetworkPolicy pod and namespace selectors, Service selectors through
 * `fromMatchLabels`) and the string grammar of `?labelSelector=` (parsed in src/apiserver) all become
 * a list of requirements matched here, with the API server's rules.
 */

export type LabelOperator = 'equals' | 'notEquals' | 'in' | 'notIn' | 'exists' | 'doesNotExist';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** Every requirement holds (an empty list matches everything). `!=` and `notin` match a missing label. */
export function labelsMatch(reqs: readonly LabelRequirement[], labels: Labels): boolean {
  return reqs.every(({ key, operator, values }) => {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
    const v = has ? labels[key] : undefined;
    switch (operator) {
      case 'exists':
        return has;
      case 'doesNotExist':
        return !has;
      case 'equals':
      case 'in':
        return has && values.includes(v as string);
      case 'notEquals':
      case 'notIn':
        return !has || !values.includes(v as string);
    }
  });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notIn', Exists: 'exists', DoesNotExist: 'doesNotExist' };

/**
 * The requirements of a metav1.LabelSelector, or undefined when the selector is missing or
 * malformed (an unknown operator, matchLabels that is not a map): such a selector matches nothing,
 * as the API server would have rejected it.
 */
export function selectorRequirements(selector: unknown): LabelRequirement[] | undefined {
  if (!selector || typeof selector !== 'object' || Array.isArray(selector)) return undefined;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const reqs: LabelRequirement[] = [];
  if (s.matchLabels !== undefined && s.matchLabels !== null) {
    if (typeof s.matchLabels !== 'object' || Array.isArray(s.matchLabels)) return undefined;
    for (const [key, value] of Object.entries(s.matchLabels as Record<string, unknown>)) {
      if (typeof value !== 'string') return undefined;
      reqs.push({ key, operator: 'equals', values: [value] });
    }
  }
  if (s.matchExpressions !== undefined && s.matchExpressions !== null) {
    if (!Array.isArray(s.matchExpressions)) return undefined;
    for (const e of s.matchExpressions as unknown[]) {
      const expr = e as { key?: unknown; operator?: unknown; values?: unknown } | null;
      const operator = typeof expr?.operator === 'string' ? OPERATORS[expr.operator] : undefined;
      if (!expr || typeof expr.key !== 'string' || operator === undefined) return undefined;
      reqs.push({ key: expr.key, operator, values: strings(expr.values) });
    }
  }
  return reqs;
}

/** metav1.LabelSelector semantics: an empty selector matches everything, a missing or malformed one nothing. */
export function selectorMatches(selector: unknown, labels: Labels): boolean {
  const reqs = selectorRequirements(selector);
  return reqs !== undefined && labelsMatch(reqs, labels);
}

/** A Service's `spec.selector` map (equality only). An empty map selects nothing, unlike a LabelSelector. */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
