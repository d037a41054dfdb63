import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { BOOTSTRAP_TOKEN_PREFIX, isBootstrapToken } from './_shared/secrets.js';

/** The API server honours bootstrap tokens only from Secrets in kube-system. */
const TOKEN_NAMESPACE = 'kube-system';

export default defineCheck({
  meta: {
    id: 'secret-bootstrap-token',
    title: 'No bootstrap token Secrets remain',
    description:
      "A bootstrap token (a Secret of type bootstrap.kubernetes.io/token named bootstrap-token-<id> in kube-system, with the API server's --enable-bootstrap-token-auth) authenticates as system:bootstrap:<id> in the group system:bootstrappers (plus any auth-extra-groups). It is meant for joining nodes, briefly; one that stays is a shared, long-lived credential, and a person signing in with it cannot be told apart from a node. Rule: a finding for each such Secret in kube-system (recognised by its type, or by its name when Secrets were read metadata-only). The token id in the name is public; the Secret's data (the token secret, its expiration and groups) is never read. Evidence for CIS 3.1.3.",
    severity: 'low',
    requires: ['secrets'],
    // Only kube-system's Secrets count: with -n or --exclude-namespace leaving it out, not-assessed.
    dataNamespaces: [TOKEN_NAMESPACE],
    messages: { token: 'Secret {{name}} in kube-system is a bootstrap token: it authenticates as system:bootstrap:{{id}}' },
    remediation:
      'Delete bootstrap tokens once nodes have joined (kubeadm token delete <id>), create them with a short TTL (kubeadm token create --ttl 1h), and give people individual credentials from an identity provider instead.',
    references: ['CIS Kubernetes Benchmark 3.1.3', 'https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/'],
    example: `apiVersion: v1
kind: Secret
metadata: {name: bootstrap-token-07401b, namespace: kube-system}
type: bootstrap.kubernetes.io/token`,
  },
  select: (inv) => inv.secrets.filter((s) => s.metadata.namespace === TOKEN_NAMESPACE && isBootstrapToken(s)),
  evaluate(secret: KObject, ctx) {
    const { name } = secret.metadata;
    const id = name.startsWith(BOOTSTRAP_TOKEN_PREFIX) ? name.slice(BOOTSTRAP_TOKEN_PREFIX.length) : '<id>';
    ctx.report({
      messageId: 'token',
      path: '/metadata/name',
      observed: name,
      expected: 'no bootstrap token left after nodes joined',
      data: { name, id },
    });
  },
});
