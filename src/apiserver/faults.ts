/**
 * Injected failures, so tests can prove the client retries, backs off, bounds its paging and fails
 * closed. Each rule answers `times` matching requests (first matching rule wins), then it is spent.
 * The server (server.ts) acts on the rule; this module only decides which rule answers a request.
 */
import type { FaultRule } from './types.js';

interface ArmedFault {
  rule: FaultRule;
  remaining: number;
}

export class Faults {
  private armed: ArmedFault[] = [];

  add(rule: FaultRule): void {
    this.armed.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The fault that answers this request, if any; consumes one of its uses. */
  take(pathname: string, hasContinue: boolean): FaultRule | undefined {
    const hit = this.armed.find((f) => f.remaining > 0 && matches(f.rule, pathname, hasContinue));
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.armed = this.armed.filter((f) => f !== hit);
    return hit.rule;
  }
}

function matches(rule: FaultRule, pathname: string, hasContinue: boolean): boolean {
  if (rule.onlyWithContinue && !hasContinue) return false;
  if (typeof rule.path === 'string') return pathname.includes(rule.path);
  rule.path.lastIndex = 0; // a /g or /y regex is stateful across test() calls
  return rule.path.test(pathname);
}

/** Half of a body, cut on a character boundary: what a proxy that drops the connection leaves. */
export const halfOf = (body: string): string => body.slice(0, Math.floor(body.length / 2));
