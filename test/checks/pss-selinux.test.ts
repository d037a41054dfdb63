import { describe, it } from '@jest/globals';
import check from '../../checks/pss-selinux.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const engineType = `
apiVersion: v1
kind: Pod
metadata: {name: builder, namespace: ci}
spec:
  containers:
  - {name: app, image: registry.example.com/buildah:1.0, securityContext: {seLinuxOptions: {type: container_engine_t}}}
`;

describe('pss-selinux', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-container-types.yaml', { name: 'container_engine_t from v1.31', yaml: engineType, options: { pssVersion: 'v1.31' } }],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/securityContext/seLinuxOptions/type',
              message: 'SELinux (baseline): pod sets securityContext.seLinuxOptions.type=spc_t',
              observed: 'spc_t',
              expected: 'unset, "", container_t, container_init_t, container_kvm_t, container_engine_t',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/seLinuxOptions/user',
              message: 'SELinux (baseline): container "app" sets securityContext.seLinuxOptions.user=system_u',
              expected: 'unset or ""',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/seLinuxOptions/role',
              message: 'SELinux (baseline): container "app" sets securityContext.seLinuxOptions.role=system_r',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: one finding on the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/seLinuxOptions/type',
              observed: 'unconfined_t',
              podCount: 3,
            },
          ],
        },
        {
          name: 'container_engine_t before v1.31',
          yaml: engineType,
          options: { pssVersion: 'v1.30' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/ci/builder',
              path: '/spec/containers/0/securityContext/seLinuxOptions/type',
              observed: 'container_engine_t',
              expected: 'unset, "", container_t, container_init_t, container_kvm_t',
            },
          ],
        },
      ],
    },
    it,
  );
});
