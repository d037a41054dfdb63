import { defineCheck } from '../src/core/check.js';
import type { Service } from '../src/core/k8s.js';
import { EXPOSURE_KEYS, externalExposure, workloadsBehind, workloadsText } from './_shared/exposure.js';

export default defineCheck({
  meta: {
    id: 'service-external-exposure',
    title: 'Services reachable from outside the cluster are known',
    description:
      'An inventory of what the cluster exposes: every Service of type LoadBalancer or NodePort (reachable on every node) and every Service with ' +
      'externalIPs, with the workloads its selector sends traffic to, those failing the Pod Security Standards baseline first. Informational: each ' +
      'entry should be intended; pair it with service-lb-source-ranges, ingress-tls and exposure-baseline-failing.',
    severity: 'info',
    requires: EXPOSURE_KEYS,
    messages: { exposed: 'Service {{name}} ({{how}}) exposes {{workloads}}' },
    remediation:
      'Keep only the entry points you intend; prefer one Ingress or Gateway in front of ClusterIP Services over LoadBalancer and NodePort Services per workload.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
      'NSA/CISA Kubernetes Hardening Guide: network separation',
    ],
    example: `apiVersion: v1
kind: Service
metadata: {name: admin, namespace: shop}
spec:
  type: NodePort
  selector: {app: admin}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]`,
  },
  select: (inv) => inv.services.filter((s) => externalExposure(s) !== undefined),
  evaluate(svc: Service, ctx) {
    const workloads = workloadsBehind(ctx.inventory, svc);
    ctx.report({
      messageId: 'exposed',
      data: { name: svc.metadata.name, how: externalExposure(svc), workloads: workloadsText(workloads) },
      path:
        svc.spec?.externalIPs?.length && svc.spec?.type !== 'LoadBalancer' && svc.spec?.type !== 'NodePort'
          ? '/spec/externalIPs'
          : '/spec/type',
      observed: `${externalExposure(svc)}; ${workloads.length} workloads behind it, ${workloads.filter((w) => w.baselineFailures.length).length} failing pss-baseline`,
      expected: 'an intended entry point',
    });
  },
});
