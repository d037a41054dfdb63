/** What `/version` answers for an input: the kube-apiserver image tag, else the snapshot's recorded version, else the default. */
import { describe, expect, it } from '@jest/globals';
import { servedVersion } from '../../src/apiserver/served-version.js';
import type { ServerVersion } from '../../src/core/inventory.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const FALLBACK: ServerVersion = { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' };
const apiserver = (image: string) => `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-cp-1, namespace: kube-system, labels: {component: kube-apiserver}, annotations: {kubernetes.io/config.mirror: abc}}
spec: {containers: [{name: kube-apiserver, image: "${image}", command: [kube-apiserver]}]}
`;
const inventory = (yaml: string, version?: ServerVersion) => {
  const { inventory: inv } = inventoryFromManifests([{ name: 'in.yaml', text: yaml }]);
  if (version) inv.version = version;
  return inv;
};

describe('servedVersion', () => {
  const recorded: ServerVersion = { major: '1', minor: '30', gitVersion: 'v1.30.4', platform: 'linux/arm64' };
  it.each([
    [
      'manifests with a kube-apiserver image: its tag',
      inventory(apiserver('registry.k8s.io/kube-apiserver:v1.31.2')),
      { major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' },
    ],
    [
      'a snapshot with both: the image tag, on the recorded platform',
      inventory(apiserver('registry.k8s.io/kube-apiserver:v1.31.2@sha256:' + 'a'.repeat(64)), recorded),
      { major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/arm64' },
    ],
    [
      'a snapshot without a static kube-apiserver (managed): the recorded version',
      inventory('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n', recorded),
      recorded,
    ],
    [
      'an image tag that is not a release: the recorded version',
      inventory(apiserver('registry.example.com/kube-apiserver:latest'), recorded),
      recorded,
    ],
    [
      'a snapshot whose /version was refused: the default',
      inventory('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n', { major: '', minor: '', gitVersion: 'unknown' }),
      FALLBACK,
    ],
    ['manifests that say nothing: the default', inventory('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'), FALLBACK],
  ])('%s', (_what, inv, want) => {
    expect(servedVersion(inv, FALLBACK)).toEqual(want);
  });
});
