import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import check from '../../checks/kube-proxy-metrics-bind.js';
import { packageRoot } from '../../src/io/package-root.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const read = (name: string): string => readFileSync(join(packageRoot(), 'test', 'fixtures', 'kube-proxy-metrics-bind', name), 'utf8');
const FLAGS_ONLY = read('pass-flags.yaml');
const KUBEADM = read('kubeadm-config-file.yaml');

/** The flags-only DaemonSet with extra words appended to command (or args). */
const withWords = (words: string[], where: 'command' | 'args' = 'command', name = 'kube-proxy'): string => {
  const text = FLAGS_ONLY.replace('name: kube-proxy, namespace', `name: ${name}, namespace`);
  return where === 'command'
    ? text.replace(
        '        - --hostname-override=$(NODE_NAME)',
        ['        - --hostname-override=$(NODE_NAME)', ...words.map((w) => `        - ${w}`)].join('\n'),
      )
    : `${text}        args: [${words.join(', ')}]\n`;
};

describe('kube-proxy-metrics-bind', () => {
  const tester = new CheckTester(check);
  tester.register(
    {
      pass: [
        'pass-flags.yaml',
        {
          name: 'kubeadm ConfigMap with metricsBindAddress on localhost',
          yaml: KUBEADM.replace('metricsBindAddress: 0.0.0.0:10249', 'metricsBindAddress: 127.0.0.1:10249'),
        },
        {
          name: 'kubeadm ConfigMap with metricsBindAddress "" (the default, localhost)',
          yaml: KUBEADM.replace('metricsBindAddress: 0.0.0.0:10249', 'metricsBindAddress: ""'),
        },
        { name: 'explicit 127.0.0.1:10249', yaml: withWords(['--metrics-bind-address=127.0.0.1:10249']) },
        { name: 'IPv6 loopback', yaml: withWords(['--metrics-bind-address=[::1]:10249']) },
        { name: 'separate value word', yaml: withWords(['--metrics-bind-address', '127.0.0.1:10249']) },
      ],
      fail: [
        {
          fixture: 'fail-all-interfaces.yaml',
          findings: [
            {
              messageId: 'exposed',
              resource: 'DaemonSet/kube-system/kube-proxy',
              path: '/spec/template/spec/containers/0/command/2',
              message: 'kube-proxy (DaemonSet kube-proxy) serves metrics on 0.0.0.0:10249, not on localhost',
              observed: '--metrics-bind-address=0.0.0.0:10249',
              expected: 'a loopback address (default 127.0.0.1:10249)',
            },
          ],
        },
        {
          name: 'host IP from the downward API, in args',
          yaml: withWords(['--metrics-bind-address=$(HOST_IP):10249'], 'args'),
          findings: [
            {
              messageId: 'exposed',
              resource: 'DaemonSet/kube-system/kube-proxy',
              path: '/spec/template/spec/containers/0/args/0',
              observed: '--metrics-bind-address=$(HOST_IP):10249',
            },
          ],
        },
        {
          name: 'kubeadm: metricsBindAddress in the kube-proxy ConfigMap behind --config',
          fixture: 'kubeadm-config-file.yaml',
          findings: [
            {
              messageId: 'exposed',
              resource: 'ConfigMap/kube-system/kube-proxy',
              path: '/data/config.conf',
              message: 'kube-proxy (ConfigMap kube-proxy) serves metrics on 0.0.0.0:10249, not on localhost',
              observed: 'metricsBindAddress: "0.0.0.0:10249" in config.conf',
            },
          ],
        },
        {
          name: 'one DaemonSet reads a file, another exposes metrics on flags: both are reported',
          yaml: [KUBEADM, withWords(['--metrics-bind-address=0.0.0.0:10249'], 'command', 'kube-proxy-windows')].join('---\n'),
          findings: [
            { messageId: 'exposed', resource: 'ConfigMap/kube-system/kube-proxy', path: '/data/config.conf' },
            {
              messageId: 'exposed',
              resource: 'DaemonSet/kube-system/kube-proxy-windows',
              path: '/spec/template/spec/containers/0/command/4',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'kubeadm: the ConfigMap behind --config was not read',
          yaml: KUBEADM.slice(KUBEADM.indexOf('apiVersion: apps/v1')),
          status: 'not-assessed',
        },
        {
          name: '--config wins over --metrics-bind-address',
          yaml: withWords(['--config=/var/lib/kube-proxy/config.conf', '--metrics-bind-address=127.0.0.1:10249']),
          status: 'not-assessed',
        },
        { name: 'no kube-proxy DaemonSet (replaced by the CNI)', yaml: '', status: 'not-assessed' },
        {
          name: "a kube-proxy DaemonSet outside kube-system is not the cluster's",
          yaml: FLAGS_ONLY.replace('namespace: kube-system', 'namespace: tools'),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );

  it('names the file and the ConfigMap it cannot read', () => {
    expect(tester.run({ yaml: KUBEADM.slice(KUBEADM.indexOf('apiVersion: apps/v1')) }).outcome.unjudgeable).toEqual({
      status: 'not-assessed',
      reason:
        'kube-proxy reads its settings from a file (--config=/var/lib/kube-proxy/config.conf, ConfigMap kube-system/kube-proxy) that kaudit could not read, so metricsBindAddress is unknown',
    });
  });

  it('keeps only the allowlisted setting of the ConfigMap, nothing else', () => {
    const { inventory } = inventoryFromManifests([{ name: 'k', text: KUBEADM }]);
    expect(inventory.configMaps[0]).toMatchObject({
      dataKeys: ['config.conf', 'kubeconfig.conf'],
      settings: { 'config.conf': { metricsBindAddress: '0.0.0.0:10249', mode: 'iptables' } },
    });
    expect(inventory.configMaps[0]!.data).toBeUndefined();
    expect(JSON.stringify(inventory.configMaps)).not.toContain('KubeProxyConfiguration');
  });
});
