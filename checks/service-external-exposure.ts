import { defineCheck } from '../src/core/check.js';
import type { Service } from '../src/core/k8s.js';
import {
  EXPOSURE_KEYS,
  EXPOSURE_RANKING_KEYS,
  externalExposure,
  workloadsBehind,
  urgency,
  workloadsText,
  type ExposedWorkload,
} from './_shared/exposure.js';

interface Exposed {
  object: Service;
  workloads: ExposedWorkload[];
}

export default defineCheck({
  meta: {
    id: 'service-external-exposure',
    title: 'Services reachable from outside the cluster are known',
    description:
      'An inventory of what the cluster exposes: every Service of type LoadBalancer or NodePort (reachable on every node) and every Service with ' +
      'externalIPs, with the workloads its selector sends traffic to. The most urgent come first, among the workloads of a Service and among the ' +
      'Services (ranked by their most urgent workload): failing the Pod Security Standards baseline first, then running with a powerful service ' +
      'account (token mounted; cluster-admin equivalent, a path to it, Secrets of every namespace, creating or entering pods, as rbac-workload-identity ' +
      'judges it), the message saying why. Informational: each entry should be intended; pair it with service-lb-source-ranges, ingress-tls, ' +
      'exposure-baseline-failing and rbac-workload-identity.',
    severity: 'info',
    requires: EXPOSURE_KEYS,
    supplements: EXPOSURE_RANKING_KEYS,
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
    ordered: true,
  },
  select: (inv) =>
    inv.services
      .filter((s) => externalExposure(s) !== undefined)
      .map((object): Exposed => ({ object, workloads: workloadsBehind(inv, object) }))
      .sort((a, b) => firstVsFirst(a.workloads[0], b.workloads[0]) || key(a.object).localeCompare(key(b.object))),
  evaluate({ object: svc, workloads }: Exposed, ctx) {
    ctx.report({
      messageId: 'exposed',
      data: { name: svc.metadata.name, how: externalExposure(svc), workloads: workloadsText(workloads) },
      path:
        svc.spec?.externalIPs?.length && svc.spec?.type !== 'LoadBalancer' && svc.spec?.type !== 'NodePort'
          ? '/spec/externalIPs'
          : '/spec/type',
      observed: `${externalExposure(svc)}; ${workloads.length} workloads behind it, ${workloads.filter((w) => w.baselineFailures.length).length} failing pss-baseline, ${workloads.filter((w) => w.account).length} with a powerful service account`,
      expected: 'an intended entry point',
    });
  },
});

const key = (o: Service): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Services ranked by their most urgent workload (workloadsBehind puts it first); one selecting none last. */
const firstVsFirst = (a: ExposedWorkload | undefined, b: ExposedWorkload | undefined): number =>
  (a ? urgency(a) : 10) - (b ? urgency(b) : 10);
