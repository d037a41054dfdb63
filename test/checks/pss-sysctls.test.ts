import { describe, it } from '@jest/globals';
import check from '../../checks/pss-sysctls.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const withSysctl = (name: string): string => `
apiVersion: v1
kind: Pod
metadata: {name: tuned, namespace: shop}
spec:
  securityContext:
    sysctls: [{name: ${name}, value: "1"}]
  containers:
  - {name: app, image: registry.example.com/app:1.0}
`;
const SAFE_1_0 =
  'kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start';
const SAFE_LATEST = `${SAFE_1_0}, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem, net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat`;

describe('pss-sysctls', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-safe-sysctls.yaml',
        {
          name: 'tcp_keepalive_time is safe from v1.29',
          yaml: withSysctl('net.ipv4.tcp_keepalive_time'),
          options: { pssVersion: 'v1.29' },
        },
        { name: 'tcp_notsent_lowat is safe at latest (v1.37)', yaml: withSysctl('net.ipv4.tcp_notsent_lowat') },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/securityContext/sysctls/1/name',
              message: 'Sysctls (baseline): pod sets securityContext.sysctls[1].name=kernel.msgmax',
              observed: 'kernel.msgmax',
              expected: `one of ${SAFE_LATEST}`,
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
              path: '/spec/template/spec/securityContext/sysctls/0/name',
              message: 'Sysctls (baseline): pod template sets securityContext.sysctls[0].name=net.core.somaxconn',
              podCount: 3,
            },
          ],
        },
        {
          name: 'tcp_keepalive_time before v1.29',
          yaml: withSysctl('net.ipv4.tcp_keepalive_time'),
          options: { pssVersion: 'v1.28' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/tuned',
              path: '/spec/securityContext/sysctls/0/name',
              observed: 'net.ipv4.tcp_keepalive_time',
            },
          ],
        },
        {
          name: 'tcp_notsent_lowat before v1.37',
          yaml: withSysctl('net.ipv4.tcp_notsent_lowat'),
          options: { pssVersion: 'v1.36' },
          findings: [{ messageId: 'violation', resource: 'Pod/shop/tuned', path: '/spec/securityContext/sysctls/0/name' }],
        },
        {
          name: 'the v1.0 safe set',
          yaml: withSysctl('net.ipv4.ip_local_reserved_ports'),
          options: { pssVersion: 'v1.0' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/tuned',
              path: '/spec/securityContext/sysctls/0/name',
              expected: `one of ${SAFE_1_0}`,
            },
          ],
        },
      ],
    },
    it,
  );
});
