/**
 * labelSelector and fieldSelector, with the grammar and the matching rules of the real API server:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`; a comma means AND. `!=` and `notin`
 * also match objects that lack the label. Field selectors: metadata.name and metadata.namespace, and on
 * pods status.phase, spec.nodeName, spec.serviceAccountName and spec.restartPolicy.
 */
import type { KObject } from '../core/k8s.js';
import { labelsMatch, type LabelRequirement } from '../core/label-selector.js';
import { fieldAt } from '../core/shape.js';
import { badRequest } from './status.js';

export type ObjectPredicate = (obj: KObject) => boolean;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && NAME.test(name);
}

const validValue = (v: string): boolean => v === '' || (v.length <= 63 && NAME.test(v));

type Token = { kind: 'id'; text: string } | { kind: 'op'; text: '!' | '=' | '==' | '!=' | '(' | ')' | ',' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '!' || c === '=') {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: c });
        i++;
      }
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else {
      let j = i;
      while (j < input.length && !/[\s!=(),]/.test(input.charAt(j))) j++;
      tokens.push({ kind: 'id', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const fail = (detail: string) => badRequest(`unable to parse requirement: ${detail}`);

export function parseLabelSelector(input: string): LabelRequirement[] {
  const tokens = tokenize(input);
  const reqs: LabelRequirement[] = [];
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token | undefined => tokens[pos++];
  const key = (): string => {
    const t = next();
    if (t?.kind !== 'id') throw fail(`expected a label key, found ${t ? `'${t.text}'` : 'end of selector'}`);
    if (!validKey(t.text)) throw fail(`invalid label key "${t.text}"`);
    return t.text;
  };
  const value = (after: string): string => {
    const t = peek();
    if (t === undefined || (t.kind === 'op' && t.text === ',')) return ''; // `a=` selects the empty value
    if (t.kind !== 'id') throw fail(`expected a value after '${after}', found '${t.text}'`);
    pos++;
    if (!validValue(t.text)) throw fail(`invalid label value "${t.text}"`);
    return t.text;
  };
  const valueSet = (op: string): string[] => {
    if (next()?.text !== '(') throw fail(`expected '(' after '${op}'`);
    const values: string[] = [];
    for (;;) {
      const t = next();
      if (t?.kind !== 'id') throw fail(`expected a value in the set of '${op}'`);
      if (!validValue(t.text)) throw fail(`invalid label value "${t.text}"`);
      values.push(t.text);
      const sep = next();
      if (sep?.text === ')') return values;
      if (sep?.text !== ',') throw fail(`expected ',' or ')' in the set of '${op}'`);
    }
  };

  while (pos < tokens.length) {
    if (peek()?.text === '!') {
      pos++;
      reqs.push({ key: key(), operator: 'doesNotExist', values: [] });
    } else {
      const k = key();
      const op = peek();
      if (op === undefined || op.text === ',') reqs.push({ key: k, operator: 'exists', values: [] });
      else if (op.text === '=' || op.text === '==') {
        pos++;
        reqs.push({ key: k, operator: 'equals', values: [value(op.text)] });
      } else if (op.text === '!=') {
        pos++;
        reqs.push({ key: k, operator: 'notEquals', values: [value(op.text)] });
      } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
        pos++;
        reqs.push({ key: k, operator: op.text === 'in' ? 'in' : 'notIn', values: valueSet(op.text) });
      } else throw fail(`unexpected '${op.text}' after label key "${k}"`);
    }
    const sep = next();
    if (sep !== undefined && sep.text !== ',') throw fail(`expected ',' between requirements, found '${sep.text}'`);
    if (sep !== undefined && pos === tokens.length) throw fail('a trailing comma ends the selector');
  }
  return reqs;
}

/** Fields every kind supports, plus the pod fields kubectl and controllers select on (status.phase is kept). */
const FIELDS: Record<string, (o: KObject) => string> = {
  'metadata.name': (o) => o.metadata?.name ?? '',
  'metadata.namespace': (o) => o.metadata?.namespace ?? '',
};
const POD_FIELDS: Record<string, (o: KObject) => string> = {
  'status.phase': (o) => String(fieldAt(o.status, 'phase') ?? ''),
  'spec.nodeName': (o) => String(fieldAt(o.spec, 'nodeName') ?? ''),
  'spec.serviceAccountName': (o) => String(fieldAt(o.spec, 'serviceAccountName') ?? ''),
  'spec.restartPolicy': (o) => String(fieldAt(o.spec, 'restartPolicy') ?? ''),
};

export function parseFieldSelector(input: string, kind = ''): ObjectPredicate {
  const terms = input.split(',').filter((t) => t.trim() !== '');
  const tests = terms.map((term) => {
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    const [, field = '', op, expected] = m;
    const get = FIELDS[field] ?? (kind === 'Pod' ? POD_FIELDS[field] : undefined);
    if (!get) throw badRequest(`field label not supported: ${field}`);
    return op === '!=' ? (o: KObject) => get(o) !== expected : (o: KObject) => get(o) === expected;
  });
  return (o) => tests.every((t) => t(o));
}

/** One predicate for both selectors; undefined when neither filters anything. */
export function objectFilter(labelSelector: string, fieldSelector: string, kind = ''): ObjectPredicate | undefined {
  const reqs = labelSelector.trim() ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector.trim() ? parseFieldSelector(fieldSelector, kind) : undefined;
  if (reqs.length === 0 && !fields) return undefined;
  return (o) => labelsMatch(reqs, o.metadata?.labels) && (fields === undefined || fields(o));
}
