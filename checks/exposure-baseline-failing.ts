import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { runsAsText } from './_shared/rbac-workload-power.js';
import {
  compareExposed,
  EXPOSURE_KEYS,
  EXPOSURE_RANKING_KEYS,
  externalExposure,
  ingressBackends,
  workloadsBehind,
  type ExposedWorkload,
} from './_shared/exposure.js';

interface Subject {
  object: KObject;
  /** How it is reachable: 'LoadBalancer', 'NodePort', 'externalIPs ...' or 'Ingress via Service web'. */
  via: string;
  /** A workload behind it that fails pss-baseline. */
  workload: ExposedWorkload;
}

export default defineCheck({
  meta: {
    id: 'exposure-baseline-failing',
    title: 'Workloads reachable from outside meet the Pod Security Standards baseline',
    description:
      'A privileged, host-namespace or hostPath workload behind a LoadBalancer, NodePort, externalIPs Service or an Ingress is one exploit away from ' +
      'the node. Fails for each such Service or Ingress and each workload behind it (Service selector matched against pod template labels; an Ingress ' +
      'through the Services of its rules and default backend) that fails a Pod Security Standards baseline control at the latest policy version. The findings are ranked: a workload that also runs with a powerful ' +
      'service account (token mounted; cluster-admin equivalent, a path to it, Secrets of every namespace, creating or entering pods, as ' +
      'rbac-workload-identity judges it) comes first, the most powerful first, and the message names the account; an exposed workload that passes ' +
      "the baseline but carries such an account is rbac-workload-identity's finding (exposed first there).",
    severity: 'high',
    requires: [...EXPOSURE_KEYS, 'ingresses'],
    supplements: EXPOSURE_RANKING_KEYS,
    messages: {
      weakWorkload: '{{kind}} {{name}} ({{via}}) exposes {{workloadKind}} {{workload}}, which fails pss-baseline: {{controls}}{{account}}',
    },
    remediation:
      'Harden the workload to the baseline (pss-* checks name the fields), or take it off the outside path; isolate it with NetworkPolicies.',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'NSA/CISA Kubernetes Hardening Guide'],
    example: `apiVersion: v1
kind: Service
metadata: {name: tools, namespace: ops}
spec: {type: LoadBalancer, selector: {app: tools}, ports: [{port: 443}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: tools, namespace: ops}
spec:
  selector: {matchLabels: {app: tools}}
  template:
    metadata: {labels: {app: tools}}
    spec:
      containers: [{name: tools, image: example.com/tools:1, securityContext: {privileged: true}}]`,
    ordered: true,
  },
  select(inv) {
    const subjects: Subject[] = [];
    for (const svc of inv.services) {
      const how = externalExposure(svc);
      if (how) for (const workload of workloadsBehind(inv, svc)) subjects.push({ object: svc, via: how, workload });
    }
    const services = new Map(inv.services.map((s) => [`${s.metadata.namespace ?? ''}/${s.metadata.name}`, s]));
    for (const ing of inv.ingresses) {
      for (const name of ingressBackends(ing)) {
        const svc = services.get(`${ing.metadata.namespace ?? ''}/${name}`);
        if (svc) for (const workload of workloadsBehind(inv, svc)) subjects.push({ object: ing, via: `via Service ${name}`, workload });
      }
    }
    // Most urgent first across all entry points (ordered: true keeps it), then by entry point.
    return subjects
      .filter((s) => s.workload.baselineFailures.length)
      .sort((a, b) => compareExposed(a.workload, b.workload) || entry(a).localeCompare(entry(b)));
  },
  evaluate({ object, via, workload: w }: Subject, ctx) {
    ctx.report({
      messageId: 'weakWorkload',
      data: {
        kind: object.kind,
        name: object.metadata.name,
        via,
        workloadKind: w.subject.object.kind,
        workload: w.subject.object.metadata.name,
        controls: w.baselineFailures.join(', '),
        account: w.account ? `, and ${runsAsText(w.account.name, w.account.power)}` : '',
      },
      observed: `${w.subject.object.kind} ${w.subject.object.metadata.name} fails ${w.baselineFailures.join(', ')}${w.account ? `; ${w.account.power.evidence}` : ''}`,
      expected: 'workloads behind an outside entry point pass pss-baseline',
    });
  },
});

const entry = (s: Subject): string => `${s.object.kind}/${s.object.metadata.namespace ?? ''}/${s.object.metadata.name}`;
