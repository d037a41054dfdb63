/**
 * Manual controls carry automated evidence (profile `evidence:`): the checks named there are run and
 * what they saw (their own verdict, reason and first findings) is attached to the control, which stays
 * manual whatever they found and is never scored. Evidence present and absent, data unread, and the
 * renderers that show it (JSON against its schema, terminal, markdown, HTML).
 */
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../../src/pipeline/registry.js';
import type { CoverageEntry } from '../../src/core/inventory.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { runScan } from '../../src/engine/scan.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { RENDERERS } from '../../reports/index.js';
import { validReport } from '../support/schema.js';
import { hardenedWith } from '../support/control-plane.js';

const EVIDENCE_CONTROLS = ['1.2.20', '3.1.1', '3.1.2', '3.1.3', '5.4.2', '5.5.1', '5.6.1'];

/** What the API shows a reviewer: a bootstrap token, a legacy token Secret, a certificate-looking user, a Deployment in default. */
const FOUND = `${hardenedWith('kube-apiserver', { 'request-timeout': '5m' })}---
apiVersion: v1
kind: Secret
metadata: {name: bootstrap-token-07401b, namespace: kube-system}
type: bootstrap.kubernetes.io/token
---
apiVersion: v1
kind: Secret
metadata: {name: ci-token, namespace: ci, annotations: {kubernetes.io/service-account.name: ci}}
type: kubernetes.io/service-account-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
rules:
- {apiGroups: [''], resources: [pods], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: ops-admin}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: default}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec: {containers: [{name: shop, image: example.com/shop:3.0}]}
`;

/** The same control plane with none of that, and an External Secrets store in use. */
const CLEAN = `${hardenedWith('kube-apiserver', {})}---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}, target: {name: db}}
`;

function scan(yaml: string, coverage: CoverageEntry[] = []): ScanResult {
  const { inventory } = inventoryFromManifests([{ name: 'inline', text: yaml }]);
  inventory.coverage.push(...coverage);
  const profiles = loadProfiles().filter((p) => p.id === 'cis-1.12');
  return runScan({ inventory, profiles, registry: loadCatalog().checks, startedAt: new Date(0), now: new Date(0), toolVersion: 'test' });
}
const control = (r: ScanResult, id: string): ControlResult => r.controls.find((c) => c.id === id)!;
const brief = (c: ControlResult) =>
  c.evidence?.map(
    (e) =>
      `${e.checkId} ${e.status}: ${e.items.map((i) => `${i.resource.kind}/${i.resource.namespace ?? ''}/${i.resource.name}`).join(', ') || e.reason || '-'}`,
  );

describe('manual controls with automated evidence', () => {
  const found = scan(FOUND);
  const clean = scan(CLEAN);

  it('evidence present: each control stays manual, unscored, and carries what its checks found', () => {
    for (const id of EVIDENCE_CONTROLS)
      expect(control(found, id)).toMatchObject({
        status: 'manual',
        reason: 'needs a human review; see the guidance and the evidence',
        findings: [],
        objects: { judged: 0, passed: 0 },
      });
    for (const id of EVIDENCE_CONTROLS) expect(control(found, id).score).toBeUndefined();
    expect(brief(control(found, '1.2.20'))).toEqual([
      `apiserver-request-timeout manual: --request-timeout on kube-apiserver-cp-1: --request-timeout=5m; judge it against the cluster's largest list requests`,
    ]);
    expect(brief(control(found, '3.1.1'))).toEqual(['rbac-user-client-cert fail: ClusterRoleBinding//ops']);
    expect(brief(control(found, '3.1.2'))).toEqual(['secret-legacy-sa-token fail: Secret/ci/ci-token']);
    expect(brief(control(found, '3.1.3'))).toEqual(['secret-bootstrap-token fail: Secret/kube-system/bootstrap-token-07401b']);
    expect(brief(control(found, '5.4.2'))).toEqual([
      'secrets-external-manager fail: Cluster//cluster',
      `node-encryption-kms-v2 not-assessed: no node report: run the node agent (\`kaudit node\`, see docs/node-agent.md) and pass its reports with --node-report, or deploy its DaemonSet`,
    ]);
    // No Kyverno, Gatekeeper or ValidatingAdmissionPolicy is served: no engine enforces (issue 15: evidence for 5.2.1 and 5.5.1).
    expect(brief(control(found, '5.5.1'))).toEqual([
      'image-signature-policy fail: Cluster//cluster',
      'admission-policy-engine-enforcing fail: Cluster//cluster',
    ]);
    expect(brief(control(found, '5.2.1'))?.[0]).toBe('admission-policy-engine-enforcing fail: Cluster//cluster');
    expect(brief(control(found, '5.6.1'))).toEqual(['namespace-default-used fail: Deployment/default/shop']);
    expect(control(found, '3.1.3').evidence![0]).toEqual({
      checkId: 'secret-bootstrap-token',
      title: 'No bootstrap token Secrets remain',
      status: 'fail',
      items: [
        {
          resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'kube-system', name: 'bootstrap-token-07401b' },
          path: '/metadata/name',
          message: 'Secret bootstrap-token-07401b in kube-system is a bootstrap token: it authenticates as system:bootstrap:07401b',
          observed: 'bootstrap-token-07401b',
        },
      ],
    });
    // Evidence never moves the score: the same with or without it.
    expect(found.summary.counts.manual).toBe(clean.summary.counts.manual);
  });

  it('evidence absent: the checks pass, the controls stay manual with empty evidence items', () => {
    expect(brief(control(clean, '3.1.3'))).toEqual(['secret-bootstrap-token pass: -']);
    expect(brief(control(clean, '3.1.1'))).toEqual(['rbac-user-client-cert pass: -']);
    expect(brief(control(clean, '5.4.2'))?.[0]).toBe('secrets-external-manager pass: -');
    expect(brief(control(clean, '5.6.1'))).toEqual(['namespace-default-used pass: -']);
    expect(brief(control(clean, '1.2.20'))).toEqual([
      `apiserver-request-timeout manual: --request-timeout on kube-apiserver-cp-1: unset (default 60s); judge it against the cluster's largest list requests`,
    ]);
    for (const id of EVIDENCE_CONTROLS) expect(control(clean, id).status).toBe('manual');
  });

  it('evidence whose data could not be read says so; the control is still manual, never passed', () => {
    const r = scan(FOUND, [{ key: 'secrets', kind: 'Secret', namespace: 'kube-system', status: 403, reason: 'Forbidden' }]);
    expect(control(r, '3.1.3').status).toBe('manual');
    expect(control(r, '3.1.3').evidence![0]).toMatchObject({
      status: 'fail',
      reason: 'partial: some data could not be read (secrets in namespace kube-system: 403 Forbidden)',
    });
    const none = scan(CLEAN, [{ key: 'secrets', kind: 'Secret', status: 403, reason: 'Forbidden' }]);
    expect(control(none, '3.1.3').evidence![0]).toMatchObject({
      status: 'not-assessed',
      reason: 'data could not be read: secrets: 403 Forbidden',
      items: [],
    });
  });

  it('a manual control without evidence checks has none', () => {
    expect(control(found, '3.2.1').evidence).toBeUndefined();
  });

  it('the renderers show it: JSON (schema), terminal, markdown, HTML', () => {
    const json = validReport<ScanResult>(RENDERERS.json.render(found));
    expect(json.controls.find((c) => c.id === '3.1.3')?.evidence?.[0]?.status).toBe('fail');
    const table = RENDERERS.table.render(found, { columns: 200 });
    expect(table).toContain('With evidence for the reviewer (8)');
    // 5.2.1 is decided with a check (the PSS labels), not manual: its evidence is listed all the same.
    expect(table).toMatch(/\n {2}cis-1\.12 5\.2\.1 .*\n {4}admission-policy-engine-enforcing \(/);
    expect(table).toContain(
      '  cis-1.12 3.1.3 No bootstrap-token auth for human users\n    secret-bootstrap-token (fail): No bootstrap token Secrets remain\n      Secret kube-system/bootstrap-token-07401b: Secret bootstrap-token-07401b in kube-system is a bootstrap token: it authenticates as system:bootstrap:07401b\n',
    );
    const markdown = RENDERERS.markdown.render(found);
    expect(markdown).toContain('### With evidence for the reviewer (8)');
    expect(markdown).toContain(
      '- secret-bootstrap-token (fail): No bootstrap token Secrets remain\n  - Secret kube-system/bootstrap-token-07401b: Secret bootstrap-token-07401b in kube-system is a bootstrap token: it authenticates as system:bootstrap:07401b\n',
    );
    const html = RENDERERS.html.render(found);
    expect(html).toContain('<b>Evidence found by kaudit</b>');
    expect(html).toContain(
      '<li>Secret kube-system/bootstrap-token-07401b: Secret bootstrap-token-07401b in kube-system is a bootstrap token: it authenticates as system:bootstrap:07401b</li>',
    );
  });
});
