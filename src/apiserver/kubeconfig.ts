/** A kubeconfig for the loopback server, as kubectl and @kubernetes/client-node read it. */
import { stringify } from 'yaml';
import type { KubeconfigOptions } from './types.js';

export function kubeconfigYaml(server: string, caPem: string, token: string, opts: KubeconfigOptions = {}): string {
  const cluster = opts.clusterName ?? 'kaudit';
  const user = opts.userName ?? 'kaudit';
  const context = opts.contextName ?? 'kaudit';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: user, user: { token: opts.token ?? token } }],
    contexts: [{ name: context, context: { cluster, user, ...(opts.namespace ? { namespace: opts.namespace } : {}) } }],
    'current-context': context,
    preferences: {},
  });
}
