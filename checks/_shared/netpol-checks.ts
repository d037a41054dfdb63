/**
 * What the netpol- checks share: the namespaces skipped by default (the control plane's own) and
 * the workload-isolation check, built once for each direction.
 */
import { defineCheck, type Check } from '../../src/core/check.js';
import type { Severity } from '../../src/core/severity.js';
import {
  crdPolicyCount,
  isKubernetesNetworkPolicy,
  netpolModel,
  NETPOL_KEYS,
  POLICY_KEYS,
  policyCountText,
  policyRef,
  type Direction,
} from './netpol-model.js';
import { metadataPathOf } from './pss-check.js';
import { unevaluatedCaveat, unevaluatedSuffix } from '../../src/core/unevaluated-netpol.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './workloads.js';

/** Namespaces the control plane owns; workloads there are rarely covered by policies of their own. */
export const NETPOL_DEFAULT_SKIP: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export const skipNamespacesOption = {
  defaults: { skipNamespaces: [...NETPOL_DEFAULT_SKIP] },
  schema: { type: 'object', properties: { skipNamespaces: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
} as const;

export const skippedSet = (options: { readonly skipNamespaces: readonly string[] }): ReadonlySet<string> => new Set(options.skipNamespaces);

interface IsolationCheckDef {
  id: string;
  direction: Direction;
  severity: Severity;
  title: string;
  description: string;
  remediation: string;
  example: string;
}

const WORD: Record<Direction, { type: string; peer: string }> = {
  ingress: { type: 'Ingress', peer: 'accepts connections from any pod and any address' },
  egress: { type: 'Egress', peer: 'may connect to any pod and any address' },
};

/** A check failing every workload template (or bare pod) that no policy isolates in `direction`. hostNetwork pods are outside NetworkPolicy. */
export function isolationCheck(def: IsolationCheckDef): Check<PodSpecSubject, 'notIsolated', typeof skipNamespacesOption.schema> {
  const { type, peer } = WORD[def.direction];
  return defineCheck({
    meta: {
      id: def.id,
      title: def.title,
      description: def.description,
      severity: def.severity,
      requires: [...POD_SPEC_KEYS, ...NETPOL_KEYS],
      // A pod counted not isolated is a finding only when every policy kind that could isolate it was read.
      judgesAbsence: POLICY_KEYS,
      messages: {
        notIsolated: `{{kind}} {{name}} ${peer}: no NetworkPolicy with ${type} in policyTypes, or Cilium/Calico policy isolating ${def.direction}, selects its pods`,
      },
      remediation: def.remediation,
      references: [
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
        'NSA/CISA Kubernetes Hardening Guide: network separation',
      ],
      options: skipNamespacesOption,
      example: def.example,
      caveat: unevaluatedCaveat,
    },
    select(inv, options) {
      const skip = skippedSet(options);
      return podLevelSubjects(inv).filter((s) => !skip.has(s.object.metadata.namespace ?? '') && !s.spec.hostNetwork);
    },
    evaluate(subject, ctx) {
      const namespace = subject.object.metadata.namespace ?? '';
      const model = netpolModel(ctx.inventory);
      if (model.isolation(namespace, subject.meta.labels)[def.direction].length) return;
      const labels = Object.entries(subject.meta.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const policies = model.policiesIn(namespace);
      const counts = policyCountText(policies.filter(isKubernetesNetworkPolicy).length, crdPolicyCount(policies));
      const notUnderstood = policies
        .filter((p) => p.notUnderstood !== undefined)
        .map((p) => `${policyRef(p)} not understood (${p.notUnderstood}), counted as selecting nothing`);
      ctx.report({
        messageId: 'notIsolated',
        data: { kind: subject.object.kind, name: subject.object.metadata.name },
        path: `${metadataPathOf(subject.specPath)}/labels`,
        observed: `labels {${labels}}: ${counts} in namespace ${namespace}, none selects them for ${def.direction}${notUnderstood.length ? `; ${notUnderstood.join('; ')}` : ''}${unevaluatedSuffix(ctx.inventory.unevaluatedNetworkPolicyKinds)}`,
        expected: `a NetworkPolicy whose podSelector matches these labels, with ${type} in policyTypes, or a Cilium/Calico policy selecting them that isolates ${def.direction}`,
      });
    },
  });
}
