import { defineCheck } from '../src/core/check.js';
import type { Ingress } from '../src/core/k8s.js';

/** Whether a TLS host entry covers a rule host (`*.example.com` covers one label). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  return tlsHost.startsWith('*.') && host.slice(host.indexOf('.')) === tlsHost.slice(1) && !host.slice(0, host.indexOf('.')).includes('*');
}

export default defineCheck({
  meta: {
    id: 'ingress-tls',
    title: 'Ingresses serve TLS',
    description:
      'An Ingress without spec.tls serves its hosts over plain HTTP: credentials, cookies and data cross the network readable and alterable. Fails when ' +
      'an Ingress has no tls entry, or when a rule host is not covered by the hosts of any tls entry (a wildcard covers one label).',
    severity: 'medium',
    requires: ['ingresses'],
    messages: {
      noTls: 'Ingress {{name}} serves {{hosts}} without TLS',
      uncovered: 'Ingress {{name}} serves host {{host}} without TLS (no tls entry lists it)',
    },
    remediation:
      'Add spec.tls with the hosts and a certificate Secret (cert-manager can issue and renew it), and redirect HTTP to HTTPS in the controller.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
    example: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}`,
  },
  select: (inv) => inv.ingresses,
  evaluate(ing: Ingress, ctx) {
    const rules: { host?: unknown }[] = Array.isArray(ing.spec?.rules) ? ing.spec.rules : [];
    const tls: { hosts?: unknown }[] = Array.isArray(ing.spec?.tls) ? ing.spec.tls : [];
    const name = ing.metadata.name;
    if (!tls.length) {
      const hosts = rules.map((r) => (typeof r?.host === 'string' ? r.host : '*'));
      ctx.report({
        messageId: 'noTls',
        data: { name, hosts: hosts.length ? hosts.join(', ') : 'its default backend' },
        path: '/spec/tls',
        observed: 'no spec.tls',
        expected: 'spec.tls covering every host',
      });
      return;
    }
    const tlsHosts = tls.flatMap((t) => (Array.isArray(t?.hosts) ? t.hosts.filter((h): h is string => typeof h === 'string') : []));
    rules.forEach((rule, i) => {
      if (typeof rule?.host !== 'string' || tlsHosts.some((t) => covers(t, rule.host as string))) return;
      ctx.report({
        messageId: 'uncovered',
        data: { name, host: rule.host },
        path: `/spec/rules/${i}/host`,
        observed: `tls hosts: ${tlsHosts.join(', ') || 'none'}`,
        expected: `a tls entry listing ${rule.host}`,
      });
    });
  },
});
