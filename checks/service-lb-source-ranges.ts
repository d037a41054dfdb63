import { defineCheck } from '../src/core/check.js';
import type { Service } from '../src/core/k8s.js';

/** Cloud annotations that restrict a load balancer's sources or make it internal-only. */
const RESTRICTING_ANNOTATIONS: [string, (v: string) => boolean][] = [
  ['service.beta.kubernetes.io/load-balancer-source-ranges', (v) => v.trim() !== ''],
  ['service.beta.kubernetes.io/aws-load-balancer-internal', (v) => v === 'true' || v === '0.0.0.0/0'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', (v) => v === 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', (v) => v === 'true'],
  ['networking.gke.io/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['cloud.google.com/load-balancer-type', (v) => v.toLowerCase() === 'internal'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', (v) => v === 'true'],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', (v) => v === 'private'],
];
const ALL = new Set(['0.0.0.0/0', '::/0']);

export default defineCheck({
  meta: {
    id: 'service-lb-source-ranges',
    title: 'LoadBalancer Services restrict their sources',
    description:
      'A LoadBalancer Service without spec.loadBalancerSourceRanges is open to the whole internet on every port it serves. It passes when it lists ' +
      'source ranges other than 0.0.0.0/0 and ::/0, or carries a cloud annotation that restricts sources (service.beta.kubernetes.io/load-balancer-source-ranges) ' +
      'or makes it internal (AWS, Azure, GKE, OCI, IBM internal load balancer annotations).',
    severity: 'medium',
    requires: ['services'],
    messages: { open: 'LoadBalancer Service {{name}} accepts connections from any address' },
    remediation:
      'Set spec.loadBalancerSourceRanges to the networks that need access, or make the load balancer internal; put public entry points behind an Ingress or Gateway with TLS.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#aws-nlb-support',
      'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
    ],
    example: `apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: db}
  ports: [{port: 5432}]`,
  },
  select: (inv) => inv.services.filter((s) => s.spec?.type === 'LoadBalancer'),
  evaluate(svc: Service, ctx) {
    const ranges: string[] = Array.isArray(svc.spec?.loadBalancerSourceRanges)
      ? svc.spec.loadBalancerSourceRanges.filter((r: unknown) => typeof r === 'string')
      : [];
    if (ranges.length && !ranges.some((r) => ALL.has(r.trim()))) return;
    const annotations = svc.metadata.annotations ?? {};
    if (!ranges.length && RESTRICTING_ANNOTATIONS.some(([key, ok]) => typeof annotations[key] === 'string' && ok(annotations[key]))) return;
    ctx.report({
      messageId: 'open',
      data: { name: svc.metadata.name },
      path: '/spec/loadBalancerSourceRanges',
      observed: ranges.length
        ? `loadBalancerSourceRanges ${ranges.join(', ')}`
        : 'no loadBalancerSourceRanges and no internal or source-range annotation',
      expected: 'loadBalancerSourceRanges naming the networks that need access, or an internal load balancer',
    });
  },
});
