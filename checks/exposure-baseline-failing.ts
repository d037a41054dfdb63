import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { EXPOSURE_KEYS, externalExposure, ingressBackends, workloadsBehind, type ExposedWorkload } from './_shared/exposure.js';

interface Subject {
  object: KObject;
  /** How it is reachable: 'LoadBalancer', 'NodePort', 'externalIPs ...' or 'Ingress via Service web'. */
  via: string;
  workloads: ExposedWorkload[];
}

export default defineCheck({
  meta: {
    id: 'exposure-baseline-failing',
    title: 'Workloads reachable from outside meet the Pod Security Standards baseline',
    description:
      'A privileged, host-namespace or hostPath workload behind a LoadBalancer, NodePort, externalIPs Service or an Ingress is one exploit away from ' +
      'the node. Fails for each such Service or Ingress and each workload behind it (Service selector matched against pod template labels; an Ingress ' +
      'through the Services of its rules and default backend) that fails a Pod Security Standards baseline control at the latest policy version.',
    severity: 'high',
    requires: [...EXPOSURE_KEYS, 'ingresses'],
    messages: { weakWorkload: '{{kind}} {{name}} ({{via}}) exposes {{workloadKind}} {{workload}}, which fails pss-baseline: {{controls}}' },
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
  },
  select(inv) {
    const subjects: Subject[] = [];
    for (const svc of inv.services) {
      const how = externalExposure(svc);
      if (how) subjects.push({ object: svc, via: how, workloads: workloadsBehind(inv, svc) });
    }
    const services = new Map(inv.services.map((s) => [`${s.metadata.namespace ?? ''}/${s.metadata.name}`, s]));
    for (const ing of inv.ingresses) {
      for (const name of ingressBackends(ing)) {
        const svc = services.get(`${ing.metadata.namespace ?? ''}/${name}`);
        if (svc) subjects.push({ object: ing, via: `via Service ${name}`, workloads: workloadsBehind(inv, svc) });
      }
    }
    return subjects;
  },
  evaluate({ object, via, workloads }: Subject, ctx) {
    for (const w of workloads) {
      if (!w.baselineFailures.length) continue;
      ctx.report({
        messageId: 'weakWorkload',
        data: {
          kind: object.kind,
          name: object.metadata.name,
          via,
          workloadKind: w.subject.object.kind,
          workload: w.subject.object.metadata.name,
          controls: w.baselineFailures.join(', '),
        },
        observed: `${w.subject.object.kind} ${w.subject.object.metadata.name} fails ${w.baselineFailures.join(', ')}`,
        expected: 'workloads behind an outside entry point pass pss-baseline',
      });
    }
  },
});
