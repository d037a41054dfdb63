import { describe, expect, it } from '@jest/globals';
import type { KObject } from '../../src/core/k8s.js';
import { detectPlatform, findControlPlane } from '../../src/core/platform.js';
import { parseFlags } from '../../src/core/command-flags.js';

const node = (labels: Record<string, string> = {}, providerID?: string, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', labels, annotations },
  spec: providerID ? { providerID } : {},
});
const version = (gitVersion: string) => ({ major: '1', minor: '30', gitVersion });

describe('detectPlatform', () => {
  it.each([
    ['eks by version', version('v1.30.4-eks-a737599'), [node()], 'eks'],
    [
      'eks by node labels and provider id',
      version('v1.30.4'),
      [node({ 'eks.amazonaws.com/nodegroup': 'ng' }, 'aws:///eu-west-1a/i-0abc')],
      'eks',
    ],
    ['gke by version', version('v1.30.5-gke.1014001'), [node()], 'gke'],
    ['gke by node labels', version('v1.30.5'), [node({ 'cloud.google.com/gke-nodepool': 'default-pool' })], 'gke'],
    ['aks by node labels', version('v1.30.3'), [node({ 'kubernetes.azure.com/cluster': 'MC_rg' }, 'azure:///subscriptions/x')], 'aks'],
    [
      'not aks on one azure label alone',
      version('v1.30.3'),
      [node({ 'kubernetes.azure.com/role': 'agent', 'node-role.kubernetes.io/control-plane': '' })],
      'kubeadm',
    ],
    ['k3s', version('v1.30.4+k3s1'), [node({ 'node-role.kubernetes.io/control-plane': 'true' })], 'k3s'],
    ['rke2', version('v1.30.4+rke2r1'), [node()], 'rke2'],
    ['openshift', version('v1.30.4'), [node({ 'node.openshift.io/os_id': 'rhcos' })], 'openshift'],
    ['kubeadm', version('v1.33.4'), [node({ 'node-role.kubernetes.io/control-plane': '' })], 'kubeadm'],
    ['unknown', version('v1.33.4'), [node()], 'unknown'],
    ['unknown without a version', undefined, [], 'unknown'],
  ])('%s', (_name, v, nodes, platform) => {
    expect(detectPlatform(v, nodes)).toBe(platform);
  });

  it('does not take an AWS provider id alone for EKS (self-managed clusters on EC2)', () => {
    expect(detectPlatform(version('v1.33.4'), [node({ 'node-role.kubernetes.io/control-plane': '' }, 'aws:///eu-west-1a/i-0abc')])).toBe(
      'kubeadm',
    );
  });
});

describe('control plane from static pods', () => {
  it('parses flags of every form, later repeats winning', () => {
    expect(parseFlags(['kube-apiserver', '--a=1', '--b', '2', '--c', '--d=x=y', '--a=3', 'positional', false, 30])).toEqual({
      a: '3',
      b: '2',
      c: 'true',
      d: 'x=y',
    });
  });

  it('finds components by label or by static-pod name, only in kube-system', () => {
    const pod = (
      name: string,
      namespace: string,
      labels: Record<string, string> = {},
      annotations: Record<string, string> = {},
    ): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels, annotations },
      spec: { nodeName: 'cp-1', containers: [{ name: 'main', command: ['x', '--profiling=false'] }] },
    });
    const found = findControlPlane([
      pod('kube-apiserver-cp-1', 'kube-system', { component: 'kube-apiserver' }),
      pod('etcd-cp-1', 'kube-system', {}, { 'kubernetes.io/config.source': 'file' }),
      pod('kube-scheduler-fake', 'default', { component: 'kube-scheduler' }),
      pod('kube-scheduler-cp-1', 'kube-system'),
    ]);
    expect(found).toEqual([
      { component: 'etcd', pod: { namespace: 'kube-system', name: 'etcd-cp-1', node: 'cp-1' }, flags: { profiling: 'false' } },
      {
        component: 'kube-apiserver',
        pod: { namespace: 'kube-system', name: 'kube-apiserver-cp-1', node: 'cp-1' },
        flags: { profiling: 'false' },
      },
    ]);
  });
});
