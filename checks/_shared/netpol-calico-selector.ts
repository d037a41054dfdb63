/**
 * Calico selector expressions (the `selector` and `namespaceSelector` strings of Calico policies and
 * rules), parsed into a small tree and matched against labels with Calico's rules (libcalico-go
 * lib/selector): `all()`; `k == 'v'`; `k != 'v'` (true when k is missing); `has(k)`; `!has(k)`;
 * `k in {'a','b'}`; `k not in {...}` (true when k is missing); `k contains 's'`, `starts with`,
 * `ends with`; `!`, `&&` (binds tighter than `||`), `||` and parentheses. Strings in single or double
 * quotes. An empty selector is `all()`.
 *
 * Anything else is an error with its position: the caller names the policy as not understood and
 * lets it select nothing, so a selector kaudit cannot read never makes a pod count as isolated.
 */
import type { Labels } from '../../src/core/label-selector.js';

export type CalicoSelector =
  | { op: 'all' }
  | { op: 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'; key: string; value: string }
  | { op: 'has'; key: string }
  | { op: 'in' | 'notIn'; key: string; values: string[] }
  | { op: 'not'; expr: CalicoSelector }
  | { op: 'and' | 'or'; exprs: CalicoSelector[] };

export type ParsedSelector = { ok: true; selector: CalicoSelector } | { ok: false; error: string };

const KEY = /[A-Za-z0-9_./-]/;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): CalicoSelector {
    this.skip();
    if (this.pos === this.text.length) return { op: 'all' };
    const expr = this.or();
    this.skip();
    if (this.pos !== this.text.length) this.fail('unexpected text');
    return expr;
  }

  private fail(what: string): never {
    throw new Error(`${what} at character ${this.pos + 1}`);
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  /** Consumes `token` (after spaces) when it comes next; words must end there. */
  private eat(token: string): boolean {
    this.skip();
    if (!this.text.startsWith(token, this.pos)) return false;
    if (/^[a-z]/.test(token) && KEY.test(this.text.charAt(this.pos + token.length))) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }

  private or(): CalicoSelector {
    const exprs = [this.and()];
    while (this.eat('||')) exprs.push(this.and());
    return exprs.length === 1 && exprs[0] ? exprs[0] : { op: 'or', exprs };
  }

  private and(): CalicoSelector {
    const exprs = [this.unary()];
    while (this.eat('&&')) exprs.push(this.unary());
    return exprs.length === 1 && exprs[0] ? exprs[0] : { op: 'and', exprs };
  }

  private unary(): CalicoSelector {
    if (this.eat('!')) return { op: 'not', expr: this.unary() };
    if (this.eat('(')) {
      const expr = this.or();
      this.expect(')');
      return expr;
    }
    if (this.eat('all')) {
      this.expect('(');
      this.expect(')');
      return { op: 'all' };
    }
    if (this.eat('has')) {
      this.expect('(');
      const key = this.key();
      this.expect(')');
      return { op: 'has', key };
    }
    const key = this.key();
    if (this.eat('==')) return { op: 'eq', key, value: this.string() };
    if (this.eat('!=')) return { op: 'ne', key, value: this.string() };
    if (this.eat('in')) return { op: 'in', key, values: this.set() };
    if (this.eat('not')) {
      this.expect('in');
      return { op: 'notIn', key, values: this.set() };
    }
    if (this.eat('contains')) return { op: 'contains', key, value: this.string() };
    if (this.eat('starts')) {
      this.expect('with');
      return { op: 'startsWith', key, value: this.string() };
    }
    if (this.eat('ends')) {
      this.expect('with');
      return { op: 'endsWith', key, value: this.string() };
    }
    return this.fail(`expected an operator after label "${key}"`);
  }

  private key(): string {
    this.skip();
    const start = this.pos;
    while (this.pos < this.text.length && KEY.test(this.text.charAt(this.pos))) this.pos++;
    if (this.pos === start) this.fail('expected a label name');
    return this.text.slice(start, this.pos);
  }

  private string(): string {
    this.skip();
    const quote = this.text.charAt(this.pos);
    if (quote !== "'" && quote !== '"') this.fail('expected a quoted string');
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('unterminated string');
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  private set(): string[] {
    this.expect('{');
    const values: string[] = [];
    if (this.eat('}')) return values;
    do values.push(this.string());
    while (this.eat(','));
    this.expect('}');
    return values;
  }
}

/** Parses a Calico selector; `undefined` or '' is `all()`. */
export function parseCalicoSelector(text: string | undefined): ParsedSelector {
  try {
    return { ok: true, selector: new Parser(text ?? '').parse() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Whether labels satisfy a parsed Calico selector. */
export function calicoMatches(s: CalicoSelector, labels: Labels): boolean {
  const get = (key: string): string | undefined =>
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
  switch (s.op) {
    case 'all':
      return true;
    case 'has':
      return get(s.key) !== undefined;
    case 'eq':
      return get(s.key) === s.value;
    case 'ne': {
      const v = get(s.key);
      return v === undefined || v !== s.value;
    }
    case 'in': {
      const v = get(s.key);
      return v !== undefined && s.values.includes(v);
    }
    case 'notIn': {
      const v = get(s.key);
      return v === undefined || !s.values.includes(v);
    }
    case 'contains':
      return get(s.key)?.includes(s.value) ?? false;
    case 'startsWith':
      return get(s.key)?.startsWith(s.value) ?? false;
    case 'endsWith':
      return get(s.key)?.endsWith(s.value) ?? false;
    case 'not':
      return !calicoMatches(s.expr, labels);
    case 'and':
      return s.exprs.every((e) => calicoMatches(e, labels));
    case 'or':
      return s.exprs.some((e) => calicoMatches(e, labels));
  }
}
