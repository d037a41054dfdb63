/**
 * limit/continue paging. The continue token is opaque to clients: base64url of JSON naming the list
 * it continues (resource, namespace, selectors), where the next page starts in that list, and the
 * resourceVersion of the first page, so a token from another server instance is Expired (410).
 */
import type { KObject } from '../core/k8s.js';
import type { ObjectPredicate } from './selectors.js';
import { badRequest, expiredContinue } from './status.js';

export interface ContinueToken {
  resource: string;
  namespace: string;
  labelSelector: string;
  fieldSelector: string;
  /** Position in the (namespace-scoped, unfiltered) list where the next page starts. */
  offset: number;
  resourceVersion: string;
}

export const encodeContinue = (t: ContinueToken): string => Buffer.from(JSON.stringify(t)).toString('base64url');

export function decodeContinue(raw: string): ContinueToken {
  let t: Partial<ContinueToken> | null = null;
  try {
    t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ContinueToken>;
  } catch {
    // fall through to the shape check
  }
  const ok =
    t !== null &&
    typeof t === 'object' &&
    typeof t.resource === 'string' &&
    typeof t.namespace === 'string' &&
    typeof t.labelSelector === 'string' &&
    typeof t.fieldSelector === 'string' &&
    typeof t.resourceVersion === 'string' &&
    Number.isInteger(t.offset) &&
    (t.offset as number) >= 0;
  if (!ok) throw badRequest('continue key is not valid: the continue token is malformed');
  return t as ContinueToken;
}

/** Checks a token against the request it arrived with; a token from another list is a bad request. */
export function checkContinue(t: ContinueToken, expected: Omit<ContinueToken, 'offset'>): void {
  if (
    t.resource !== expected.resource ||
    t.namespace !== expected.namespace ||
    t.labelSelector !== expected.labelSelector ||
    t.fieldSelector !== expected.fieldSelector
  )
    throw badRequest('continue key is not valid: it was issued for a different list (resource, namespace or selectors)');
  if (t.resourceVersion !== expected.resourceVersion) throw expiredContinue();
}

/** `limit` as the API server reads it: absent or <= 0 means everything. */
export function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`invalid limit "${raw}": must be an integer`);
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

export interface Page {
  items: KObject[];
  /** Where the next page starts; absent on the last page. */
  next?: number;
}

/** One page from `start`: walks only as far as this page plus the first match of the next one. */
export function takePage(list: readonly KObject[], start: number, limit: number | undefined, filter: ObjectPredicate | undefined): Page {
  const items: KObject[] = [];
  let i = start;
  for (; i < list.length; i++) {
    const item = list[i];
    if (item === undefined || (filter && !filter(item))) continue;
    if (limit !== undefined && items.length === limit) return { items, next: i };
    items.push(item);
  }
  return { items };
}
