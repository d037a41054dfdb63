import { describe, it } from '@jest/globals';
import runtime from '../../checks/runtime-threat-detection.js';
import secrets from '../../checks/secrets-external-manager.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata: {name: n${i}}\n---\n`).join('');
const ds = (name: string, image: string, status = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: security}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: ${name}, image: '${image}'}]}
${status}
---
`;

describe('runtime-threat-detection', () => {
  new CheckTester(runtime).register(
    {
      pass: [
        { name: 'Falco on all three nodes', yaml: nodes(3) + ds('falco', 'docker.io/falcosecurity/falco:0.39.2', 'status: {desiredNumberScheduled: 3, numberReady: 3}') },
        { name: 'Tetragon from manifests (no status)', yaml: nodes(1) + ds('tetragon', 'quay.io/cilium/tetragon:v1.2.0') },
      ],
      fail: [
        { name: 'no agent', yaml: nodes(2) + ds('node-exporter', 'quay.io/prometheus/node-exporter:v1.8.2'), findings: [{ messageId: 'none', resource: 'Cluster/cluster', message: 'No runtime threat-detection agent runs in the cluster (no known agent DaemonSet among node-exporter)' }] },
        {
          name: 'Falco scheduled on 2 of 3 nodes; KubeArmor not ready everywhere',
          yaml: nodes(3) + ds('falco', 'falcosecurity/falco:0.39.2', 'status: {desiredNumberScheduled: 2, numberReady: 2}') + ds('kubearmor', 'kubearmor/kubearmor:stable', 'status: {desiredNumberScheduled: 3, numberReady: 1}'),
          findings: [
            { messageId: 'notEveryNode', resource: 'DaemonSet/security/falco', path: '/status/desiredNumberScheduled', message: 'Falco (DaemonSet falco) is scheduled on 2 of 3 nodes', observed: '2 of 3 nodes' },
            { messageId: 'notReady', resource: 'DaemonSet/security/kubearmor', path: '/status/numberReady', message: 'KubeArmor (DaemonSet kubearmor) is ready on 1 of 3 nodes it should run on' },
          ],
        },
      ],
      unjudgeable: [{ name: 'DaemonSets of a namespace unread', yaml: nodes(1), inventory: (inv) => inv.coverage.push({ key: 'daemonSets', kind: 'DaemonSet', namespace: 'falco', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});

describe('secrets-external-manager', () => {
  const deploy = (annotations = '{}') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: ${annotations}}
    spec: {containers: [{name: api, image: 'api:1'}]}
---
`;
  new CheckTester(secrets).register(
    {
      pass: [
        { name: 'an ExternalSecret', yaml: 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: shop}\nspec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}}\n' },
        { name: 'a SecretProviderClass', yaml: 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv, namespace: shop}\nspec: {provider: azure, parameters: {keyvaultName: kv}}\n' },
        { name: 'a SealedSecret', yaml: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db, namespace: shop}\nspec: {encryptedData: {password: AgB}}\n' },
        { name: 'Vault Agent Injector annotations', yaml: deploy('{vault.hashicorp.com/agent-inject: "true"}') },
      ],
      fail: [
        { name: 'nothing installed', yaml: deploy(), findings: [{ messageId: 'none', resource: 'Cluster/cluster', message: 'No external secret manager is in use (External Secrets, Secrets Store CSI and Sealed Secrets not installed; no injector annotations)' }] },
        {
          name: 'External Secrets served, unused',
          yaml: deploy() + 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: externalsecrets.external-secrets.io}\nspec: {group: external-secrets.io, names: {plural: externalsecrets}, versions: [{name: v1, served: true}]}\n',
          findings: [{ messageId: 'none', resource: 'Cluster/cluster', observed: 'served without objects: externalSecrets; no injector annotations' }],
        },
      ],
      unjudgeable: [{ name: 'SealedSecrets forbidden', yaml: deploy(), inventory: (inv) => inv.coverage.push({ key: 'sealedSecrets', kind: 'SealedSecret', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});
