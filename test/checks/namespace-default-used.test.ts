import { describe, it } from '@jest/globals';
import check from '../../checks/namespace-default-used.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const openshiftBuiltIns = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: default}
---
apiVersion: v1
kind: Secret
metadata:
  name: builder-dockercfg-7xk2p
  namespace: default
  annotations: {kubernetes.io/service-account.name: builder}
type: kubernetes.io/dockercfg
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: system:image-pullers, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:image-puller}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:serviceaccounts:default}
`;

const at = (kind: string, name: string) => ({ messageId: 'inDefault', resource: `${kind}/default/${name}`, path: '/metadata/namespace' });

describe('namespace-default-used', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-built-ins-only.yaml',
        {
          name: 'OpenShift per-namespace objects on OpenShift',
          yaml: openshiftBuiltIns,
          inventory: (inv) => void (inv.platform = 'openshift'),
        },
      ],
      fail: [
        {
          fixture: 'fail-app-in-default.yaml',
          findings: [
            {
              ...at('Deployment', 'shop'),
              message: 'Deployment shop is in the default namespace',
              observed: 'namespace: default',
              expected: 'a dedicated namespace',
              podCount: 2,
            },
            { ...at('Service', 'shop'), message: 'Service shop is in the default namespace' },
            at('Ingress', 'shop'),
            at('ConfigMap', 'shop-config'),
            { ...at('Secret', 'shop-db'), message: 'Secret shop-db is in the default namespace' },
            at('Secret', 'shop-token'),
            at('ServiceAccount', 'shop'),
            at('Role', 'shop-reader'),
            at('RoleBinding', 'shop-reader'),
          ],
        },
        {
          name: 'OpenShift objects are not built in elsewhere',
          yaml: openshiftBuiltIns,
          findings: [at('ServiceAccount', 'builder'), at('Secret', 'builder-dockercfg-7xk2p'), at('RoleBinding', 'system:image-pullers')],
        },
      ],
    },
    it,
  );
});
