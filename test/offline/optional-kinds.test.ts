import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedState } from '../../src/core/inventory.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { readSnapshot, writeSnapshot } from '../../src/offline/snapshot.js';

const MANIFESTS = `
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: require-signed}
spec: {validationFailureAction: Enforce}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: schedules.velero.io}
spec:
  group: velero.io
  names: {plural: schedules, kind: Schedule}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true}]
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {selector: all()}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db, namespace: shop}
spec:
  encryptedData: {password: AgBy8hCiphertextThatMustNotLeave}
  template: {metadata: {name: db}, data: {note: plain-template-value}}
---
apiVersion: aquasecurity.github.io/v1alpha1
kind: VulnerabilityReport
metadata: {name: replicaset-web-app, namespace: shop, labels: {trivy-operator.resource.kind: ReplicaSet, trivy-operator.resource.name: web}}
report:
  artifact: {repository: library/nginx, tag: '1.25'}
  summary: {criticalCount: 2, highCount: 5, mediumCount: 0, lowCount: 1, unknownCount: 0}
  vulnerabilities: [{vulnerabilityID: CVE-2024-0001, resource: openssl}]
`;

describe('optional kinds offline', () => {
  const { inventory: inv } = inventoryFromManifests([{ name: 'm.yaml', text: MANIFESTS }]);

  it('a kind is served when the manifests hold one of its objects or its CRD; the others are not served', () => {
    expect(inv.served).toEqual({
      kyvernoClusterPolicies: 'kyverno.io/v1',
      veleroSchedules: 'velero.io/v1',
      calicoNetworkPolicies: 'crd.projectcalico.org/v1',
      sealedSecrets: 'bitnami.com/v1alpha1',
      vulnerabilityReports: 'aquasecurity.github.io/v1alpha1',
    });
    expect(servedState(inv, 'veleroSchedules')).toBe('served');
    expect(inv.veleroSchedules).toEqual([]);
    expect(servedState(inv, 'peerAuthentications')).toBe('not-served');
  });

  it('Calico NetworkPolicy and the built-in NetworkPolicy go to their own keys', () => {
    expect(inv.networkPolicies.map((p) => p.apiVersion)).toEqual(['networking.k8s.io/v1']);
    expect(inv.calicoNetworkPolicies.map((p) => p.apiVersion)).toEqual(['crd.projectcalico.org/v1']);
  });

  it('keeps no sealed ciphertext, no template data and no vulnerability list: key names and summary counts only', () => {
    expect(inv.sealedSecrets[0]!.spec).toEqual({ encryptedData: { password: '<redacted>' }, template: { metadata: { name: 'db' } } });
    expect(inv.vulnerabilityReports[0]!.report).toEqual({
      artifact: { repository: 'library/nginx', tag: '1.25' },
      summary: { criticalCount: 2, highCount: 5, mediumCount: 0, lowCount: 1, unknownCount: 0 },
    });
    const text = JSON.stringify(inv);
    expect(text).not.toContain('Ciphertext');
    expect(text).not.toContain('plain-template-value');
    expect(text).not.toContain('CVE-2024-0001');
  });

  it('snapshots keep what was served; a snapshot without `served` loads with none served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-optional-'));
    try {
      const file = join(dir, 's.json');
      await writeSnapshot(file, inv);
      const back = readSnapshot(file);
      expect(back.served).toEqual(inv.served);
      const old = JSON.parse(readFileSync(file, 'utf8'));
      delete old.served;
      writeFileSync(file, JSON.stringify(old));
      expect(readSnapshot(file).served).toEqual({});
      old.served = { pods: 'v1' };
      writeFileSync(file, JSON.stringify(old));
      expect(() => readSnapshot(file)).toThrow(
        `snapshot ${file}: "served" must map optional kinds (such as kyvernoClusterPolicies) to the group version read`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('Gatekeeper constraints', () => {
    const CONSTRAINTS = `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata: {name: ns-team}
spec:
  parameters: {labels: [{key: team, allowedRegex: 'secret-looking-parameter'}]}
  match: {kinds: [{apiGroups: [''], kinds: [Namespace, Namespace]}]}
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sAllowedRepos
metadata: {name: repos}
spec: {enforcementAction: DryRun}
`;
    const { inventory: gk } = inventoryFromManifests([{ name: 'c.yaml', text: CONSTRAINTS }]);

    it('are kept as digests (no parameters), make the group served, and survive a snapshot', async () => {
      expect(gk.gatekeeperConstraints).toEqual([
        { kind: 'K8sRequiredLabels', name: 'ns-team', enforcementAction: 'deny', matchKinds: ['Namespace'] },
        { kind: 'K8sAllowedRepos', name: 'repos', enforcementAction: 'dryrun', matchKinds: [] },
      ]);
      expect(servedState(gk, 'gatekeeperConstraints')).toBe('served');
      expect(servedState(inv, 'gatekeeperConstraints')).toBe('not-served');
      expect(JSON.stringify(gk)).not.toContain('secret-looking-parameter');
      const dir = mkdtempSync(join(tmpdir(), 'kaudit-gk-'));
      try {
        const file = join(dir, 's.json');
        await writeSnapshot(file, gk);
        const back = readSnapshot(file);
        expect([back.gatekeeperConstraints, back.served]).toEqual([
          gk.gatekeeperConstraints,
          { gatekeeperConstraints: 'constraints.gatekeeper.sh/v1' },
        ]);
        const bad = JSON.parse(readFileSync(file, 'utf8'));
        bad.gatekeeperConstraints[0].matchKinds = 'Namespace';
        writeFileSync(file, JSON.stringify(bad));
        expect(() => readSnapshot(file)).toThrow(
          `snapshot ${file}: gatekeeperConstraints[0] is not a Gatekeeper constraint: matchKinds must be a list of strings`,
        );
        // Missing while `collected` names it: bad input, never "no constraints".
        delete bad.gatekeeperConstraints;
        writeFileSync(file, JSON.stringify(bad));
        expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: "gatekeeperConstraints" is missing, yet "collected" names it`);
        // A snapshot from before constraints were read (neither the list nor the key): none, not collected.
        bad.collected = (bad.collected as string[]).filter((k) => k !== 'gatekeeperConstraints');
        writeFileSync(file, JSON.stringify(bad));
        const old = readSnapshot(file);
        expect([old.gatekeeperConstraints, old.collected.includes('gatekeeperConstraints')]).toEqual([[], false]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a constraint without a name is bad input (exit 2 names the document)', () => {
      expect(() =>
        inventoryFromManifests([
          { name: 'c.yaml', text: 'apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sX\nmetadata: {name: ""}\n' },
        ]),
      ).toThrow('a constraint needs kind and metadata.name');
    });
  });
});
