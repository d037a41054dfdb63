/**
 * What the admission layer enforces, read from the optional kinds of policy engines (Kyverno,
 * Gatekeeper, ValidatingAdmissionPolicy, Sigstore policy-controller) and webhook configurations.
 */
import { servedState, type Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { fieldAt, listAt } from '../../src/core/shape.js';
import type { ResourceKey } from '../../src/core/resources.js';
import { constraintDenies, type GatekeeperConstraint } from '../../src/core/gatekeeper.js';

type Rule = { validate?: { failureAction?: unknown }; verifyImages?: { failureAction?: unknown; validationFailureAction?: unknown }[] };

const enforce = (v: unknown): boolean => typeof v === 'string' && v.toLowerCase() === 'enforce';
const rulesOf = (p: KObject): Rule[] => listAt(p.spec, 'rules') as Rule[];

/** Kyverno's policy-wide action (default Audit) or a rule's own (Kyverno 1.13+). */
export function kyvernoEnforces(policy: KObject, rule: Rule, kind: 'validate' | 'verifyImages'): boolean {
  if (kind === 'validate')
    return (
      Boolean(rule.validate) &&
      (enforce(rule.validate?.failureAction) ||
        (rule.validate?.failureAction === undefined && enforce(fieldAt(policy.spec, 'validationFailureAction'))))
    );
  const verify = Array.isArray(rule.verifyImages) ? rule.verifyImages : [];
  return verify.some(
    (v) =>
      enforce(v.failureAction ?? v.validationFailureAction) ||
      (v.failureAction === undefined &&
        v.validationFailureAction === undefined &&
        enforce(fieldAt(policy.spec, 'validationFailureAction'))),
  );
}

export const kyvernoPolicies = (inv: Inventory): KObject[] => [...inv.kyvernoClusterPolicies, ...inv.kyvernoPolicies];

/** Kyverno policies with at least one enforcing rule of that kind. */
export const enforcingKyverno = (inv: Inventory, kind: 'validate' | 'verifyImages'): KObject[] =>
  kyvernoPolicies(inv).filter((p) => rulesOf(p).some((r) => kyvernoEnforces(p, r, kind)));

/** ValidatingAdmissionPolicyBindings that deny, bound to a policy that exists. */
export function denyingBindings(inv: Inventory): KObject[] {
  const policies = new Set(inv.validatingAdmissionPolicies.map((p) => p.metadata.name));
  return inv.validatingAdmissionPolicyBindings.filter(
    (b) =>
      Array.isArray(b.spec?.validationActions) &&
      (b.spec.validationActions as unknown[]).includes('Deny') &&
      policies.has(b.spec?.policyName as string),
  );
}

/** Gatekeeper constraints that reject at admission (enforcementAction deny, Gatekeeper's default). */
export const denyingConstraints = (inv: Inventory): GatekeeperConstraint[] => inv.gatekeeperConstraints.filter(constraintDenies);

/** "2 objects" / "served, none" / "not installed (kyverno.io not served)", for evidence. */
export function presence(inv: Inventory, keys: ResourceKey[], what: string): string {
  const states = keys.map((k) => servedState(inv, k));
  if (states.every((s) => s === 'not-served')) return `${what} not installed`;
  const count = keys.reduce((n, k) => n + inv[k].length, 0);
  return `${what}: ${count === 0 ? 'served, no objects' : `${count} object${count === 1 ? '' : 's'}`}`;
}

/** Webhook rules that reach pods, secrets or RBAC objects (or everything). */
const SENSITIVE = new Set(['*', '*/*', 'pods', 'pods/*', 'secrets', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']);

export interface Webhook {
  configuration: KObject;
  index: number;
  name: string;
  failurePolicy?: string;
  namespaceSelector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  /** The sensitive resources its rules cover. */
  sensitive: string[];
}

export function webhooks(inv: Inventory): Webhook[] {
  const out: Webhook[] = [];
  for (const configuration of [...inv.validatingWebhookConfigurations, ...inv.mutatingWebhookConfigurations]) {
    const list = Array.isArray(configuration.webhooks) ? (configuration.webhooks as Record<string, unknown>[]) : [];
    list.forEach((w, index) => {
      const rules = Array.isArray(w.rules) ? (w.rules as { resources?: unknown }[]) : [];
      const sensitive = [
        ...new Set(rules.flatMap((r) => (Array.isArray(r.resources) ? (r.resources as string[]) : [])).filter((r) => SENSITIVE.has(r))),
      ];
      out.push({
        configuration,
        index,
        name: typeof w.name === 'string' ? w.name : `#${index}`,
        failurePolicy: w.failurePolicy as string | undefined,
        namespaceSelector: w.namespaceSelector as Webhook['namespaceSelector'],
        sensitive,
      });
    });
  }
  return out;
}

/** Webhooks whose rules reach pods, secrets or RBAC objects: the ones policy depends on. */
export const sensitiveWebhooks = (inv: Inventory): Webhook[] => webhooks(inv).filter((w) => w.sensitive.length);

/** Findings on a webhook name its configuration. */
export const webhookRef = (w: Webhook) => ({
  apiVersion: w.configuration.apiVersion,
  kind: w.configuration.kind,
  name: w.configuration.metadata.name,
});
