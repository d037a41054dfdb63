import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { netpolModel } from '../../checks/_shared/netpol-model.js';
import { findEndpoint, REACH_KEYS, whoCanReach } from '../../checks/_shared/netpol-reach.js';
import { namespaceIsolation } from '../../checks/_shared/netpol-summary.js';
import allowAll from '../../checks/netpol-allow-all.js';
import dangling from '../../checks/netpol-dangling.js';
import coverage from '../../checks/netpol-namespace-coverage.js';
import ingressIsolation from '../../checks/netpol-workload-ingress-isolation.js';
import { collectInventory } from '../../src/cluster/collect.js';
import { KubeHttp } from '../../src/cluster/http.js';
import { resolveConnection } from '../../src/cluster/kubeconfig.js';
import type { Inventory } from '../../src/core/inventory.js';
import { packageRoot } from '../../src/io/package-root.js';
import { evaluateCheck } from '../../src/engine/evaluate.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { cli, live, type Live } from '../support/live.js';

const text = readFileSync(join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'crd-policies.yaml'), 'utf8');

let env: Live;
let inv: Inventory;

beforeAll(async () => {
  const served = inventoryFromManifests([{ name: 'crd-policies.yaml', text }]).inventory;
  served.served = {
    ciliumNetworkPolicies: 'cilium.io/v2',
    ciliumClusterwideNetworkPolicies: 'cilium.io/v2',
    calicoNetworkPolicies: 'crd.projectcalico.org/v1',
    calicoGlobalNetworkPolicies: 'crd.projectcalico.org/v1',
  };
  env = await live({ inventory: served });
  const conn = resolveConnection({ kubeconfig: env.kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 1, backoffMs: 10 });
  try {
    inv = await collectInventory(http, { keys: [...REACH_KEYS, 'pods'], concurrency: 4 });
  } finally {
    await http.close();
  }
});
afterAll(async () => env.close());

const names = (ps: { object: { metadata: { name: string } } }[]) => ps.map((p) => p.object.metadata.name);

describe('Cilium and Calico policies read through discovery', () => {
  it('reads the four kinds the loopback API server serves', () => {
    expect(inv.coverage).toEqual([]);
    expect([
      inv.ciliumNetworkPolicies.length,
      inv.ciliumClusterwideNetworkPolicies.length,
      inv.calicoNetworkPolicies.length,
      inv.calicoGlobalNetworkPolicies.length,
      inv.networkPolicies.length,
    ]).toEqual([7, 2, 4, 2, 1]);
  });

  it('isolates every pod per Cilium and Calico semantics', () => {
    const model = netpolModel(inv);
    const actual = Object.fromEntries(
      inv.pods.map((pod) => {
        const iso = model.isolation(pod.metadata.namespace!, pod.metadata.labels);
        return [`${pod.metadata.namespace}/${pod.metadata.name}`, { ingress: names(iso.ingress), egress: names(iso.egress) }];
      }),
    );
    expect(actual).toEqual({
      // k8s: prefix; a namespace label (io.cilium.k8s.namespace.labels.team) of a cluster-wide policy; egress: [{}] of {} isolates every shop pod.
      'shop/web': { ingress: ['web-ingress', 'ns-labels'], egress: ['deny-egress-all', 'web-egress-anywhere'] },
      // bad-source (container: prefix) is not understood and selects nothing.
      'shop/api': { ingress: [], egress: ['deny-egress-all'] },
      // An ingressDeny section alone isolates (any: prefix).
      'shop/db': { ingress: ['db-ingress-deny'], egress: ['deny-egress-all'] },
      // enableDefaultDeny.ingress false: not isolated.
      'shop/cache': { ingress: [], egress: ['deny-egress-all'] },
      // specs: the endpoint spec isolates; the nodeSelector spec selects no pod.
      'ops/sink': { ingress: ['multi-spec'], egress: [] },
      // io.kubernetes.pod.namespace In [ops] and role Exists.
      'ops/worker': { ingress: [], egress: ['ops-roles-egress'] },
      'ops/plain': { ingress: [], egress: [] },
      // Calico: the global policy's namespaceSelector env == 'prod' with all(); a selector across namespaces (web-egress-anywhere).
      'billing/web': { ingress: ['deny-then-allow', 'prod-ingress'], egress: ['web-egress-anywhere'] },
      // ||, in; the broken selector selects nothing.
      'billing/api': { ingress: ['api-in', 'prod-ingress'], egress: [] },
      'billing/ledger': { ingress: ['api-in', 'prod-ingress'], egress: [] },
      // Egress rules without types: Egress only (has && !has).
      'billing/batch': { ingress: ['prod-ingress'], egress: ['egress-only'] },
      'billing/shell': { ingress: ['prod-ingress'], egress: [] },
      // env=dev is outside prod-ingress; the NetworkPolicy isolates egress.
      'legacy/old': { ingress: [], egress: ['k8s-egress'] },
    });
  });

  it('counts isolated pods and default denies per namespace, and names the policies not understood', () => {
    expect(
      namespaceIsolation(inv).map((r) => [
        r.namespace,
        r.policies,
        r.crdPolicies,
        `${r.ingressIsolated}/${r.pods}`,
        `${r.egressIsolated}/${r.pods}`,
        r.defaultDeny,
        r.defaultDenyPolicy,
        r.notUnderstood,
      ]),
    ).toEqual([
      [
        'billing',
        0,
        6,
        '5/5',
        '2/5',
        { ingress: 'deny-all', egress: 'none' },
        { ingress: 'Calico GlobalNetworkPolicy prod-ingress' },
        ['Calico NetworkPolicy billing/broken: selector "app = \'ledger\'": expected an operator after label "app" at character 5'],
      ],
      ['legacy', 1, 1, '0/1', '1/1', { ingress: 'none', egress: 'deny-all' }, { egress: 'NetworkPolicy legacy/k8s-egress' }, []],
      ['ops', 0, 4, '1/3', '1/3', { ingress: 'none', egress: 'none' }, {}, []],
      [
        'shop',
        0,
        7,
        '2/4',
        '4/4',
        { ingress: 'none', egress: 'deny-all' },
        { egress: 'CiliumNetworkPolicy shop/deny-egress-all' },
        ['CiliumNetworkPolicy shop/bad-source: label source "container:" in key container:app'],
      ],
    ]);
  });

  it('answers who may reach a pod through Calico rules on both sides', () => {
    const target = findEndpoint(inv, 'billing/api')!;
    const answer = whoCanReach(inv, target, 8080);
    expect(answer.ingressPolicies).toEqual(['Calico NetworkPolicy billing/api-in', 'Calico GlobalNetworkPolicy prod-ingress']);
    expect(answer.sources.map((s) => [`${s.kind} ${s.namespace}/${s.name}`, s.ingress, s.egress])).toEqual([
      [
        'Pod billing/web',
        'Calico NetworkPolicy billing/api-in ingress rule 0',
        'Calico GlobalNetworkPolicy web-egress-anywhere egress rule 0',
      ],
    ]);
    expect(whoCanReach(inv, target, 9090).sources).toEqual([]);
    // Cilium: shop/web admits app=api on 8080 (web-ingress) and everything (ns-labels), but shop's pods may not leave (egress: [{}]) unless
    // another policy allows it (web-egress-anywhere); billing/batch may reach 10.0.0.0/8 only, legacy/old nothing.
    const web = whoCanReach(inv, findEndpoint(inv, 'shop/web')!, 8080);
    expect(web.ingressPolicies).toEqual(['CiliumNetworkPolicy shop/web-ingress', 'CiliumClusterwideNetworkPolicy ns-labels']);
    expect(web.addresses).toEqual(['any address']);
    // billing/broken: not understood in the namespace of listed sources (billing/web...).
    expect(web.caveats).toEqual([
      'CiliumNetworkPolicy shop/bad-source not understood (label source "container:" in key container:app): counted as selecting nothing',
      'Calico NetworkPolicy billing/broken not understood (selector "app = \'ledger\'": expected an operator after label "app" at character 5): counted as selecting nothing',
    ]);
    // The Calico policies isolating billing/web: its Deny rule is noted; shop/web, a source, is in shop (bad-source).
    expect(whoCanReach(inv, findEndpoint(inv, 'billing/web')!, 80).caveats).toEqual([
      'Calico NetworkPolicy billing/broken not understood (selector "app = \'ledger\'": expected an operator after label "app" at character 5): counted as selecting nothing',
      'CiliumNetworkPolicy shop/bad-source not understood (label source "container:" in key container:app): counted as selecting nothing',
      'Calico NetworkPolicy billing/deny-then-allow: Deny rules are not subtracted from what Allow rules admit',
    ]);
    expect(web.sources.map((s) => [`${s.namespace}/${s.name}`, s.ingress, s.egress])).toEqual([
      ['billing/api', 'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0', 'not isolated for egress'],
      ['billing/ledger', 'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0', 'not isolated for egress'],
      ['billing/shell', 'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0', 'not isolated for egress'],
      [
        'billing/web',
        'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0',
        'Calico GlobalNetworkPolicy web-egress-anywhere egress rule 0',
      ],
      ['ops/plain', 'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0', 'not isolated for egress'],
      ['ops/sink', 'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0', 'not isolated for egress'],
      [
        'ops/worker',
        'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0',
        'CiliumClusterwideNetworkPolicy ops-roles-egress egress rule 0',
      ],
      [
        'shop/web',
        'CiliumClusterwideNetworkPolicy ns-labels ingress rule 0',
        'Calico GlobalNetworkPolicy web-egress-anywhere egress rule 0',
      ],
    ]);
  });

  it('names the policy not understood in the evidence of the isolation check', () => {
    const outcome = evaluateCheck(ingressIsolation, inv, {});
    const api = outcome.findings.find((f) => f.resource.namespace === 'shop' && f.resource.name === 'api');
    expect(api?.observed).toBe(
      'labels {app=api}: 0 NetworkPolicies and 7 Cilium/Calico policies in namespace shop, none selects them for ingress; CiliumNetworkPolicy shop/bad-source not understood (label source "container:" in key container:app), counted as selecting nothing',
    );
  });

  it('reports allow-all rules of Cilium and Calico policies (not an Allow after a Deny)', () => {
    const outcome = evaluateCheck(allowAll, inv, {});
    expect(outcome.findings.map((f) => [f.message, f.path])).toEqual([
      ['CiliumClusterwideNetworkPolicy ns-labels allows ingress from any peer on every port (ingress rule 0)', '/spec/ingress/0'],
      [
        'CiliumClusterwideNetworkPolicy ops-roles-egress allows egress to every pod in every namespace on every port (egress rule 0)',
        '/spec/egress/0',
      ],
      ['GlobalNetworkPolicy web-egress-anywhere allows egress to any peer on every port (egress rule 0)', '/spec/egress/0'],
    ]);
  });

  it('CIS 5.3.2 keeps its audit (a NetworkPolicy per namespace) and says what Cilium and Calico isolate', () => {
    const outcome = evaluateCheck(coverage, inv, {});
    expect(outcome.findings.map((f) => [f.message, f.observed])).toEqual([
      [
        'namespace billing has no NetworkPolicy (5 pods, 5 isolated for ingress and 2 for egress by Cilium or Calico policies)',
        '0 NetworkPolicies; 5/5 pods isolated for ingress, 2/5 for egress',
      ],
      [
        'namespace ops has no NetworkPolicy (3 pods, 1 isolated for ingress and 1 for egress by Cilium or Calico policies)',
        '0 NetworkPolicies; 1/3 pods isolated for ingress, 1/3 for egress',
      ],
      [
        'namespace shop has no NetworkPolicy (4 pods, 2 isolated for ingress and 4 for egress by Cilium or Calico policies)',
        '0 NetworkPolicies; 2/4 pods isolated for ingress, 4/4 for egress',
      ],
    ]);
  });

  it('reports the Cilium and Calico policies that select no pod (netpol-dangling)', () => {
    const outcome = evaluateCheck(dangling, inv, {});
    expect(outcome.findings.map((f) => [f.message, f.path, f.observed])).toEqual([
      [
        'CiliumNetworkPolicy ghost selects no pod or workload in namespace ops',
        '/spec/endpointSelector',
        '0 of 3 label sets in namespace ops match',
      ],
    ]);
  });

  it('kaudit netpol shows them as a table and names the policies not understood', async () => {
    const run = await cli(['netpol', '--kubeconfig', env.kubeconfig, '-f', 'table']);
    expect(run.code).toBe(0);
    const rows = run.out
      .split('\n')
      .filter((l) => /^│ \w/.test(l))
      .map((l) =>
        l
          .split('│')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows.slice(1)).toEqual([
      ['billing', '0', '6', '5', '5/5', '2/5', 'deny-all / none'],
      ['legacy', '1', '1', '1', '0/1', '1/1', 'none / deny-all'],
      ['ops', '0', '4', '3', '1/3', '1/3', 'none / none'],
      ['shop', '0', '7', '4', '2/4', '4/4', 'none / deny-all'],
    ]);
    expect(run.out.split('\n').filter((l) => l.startsWith('Not understood'))).toEqual([
      `Not understood (selects nothing): Calico NetworkPolicy billing/broken: selector "app = 'ledger'": expected an operator after label "app" at character 5`,
      'Not understood (selects nothing): CiliumNetworkPolicy shop/bad-source: label source "container:" in key container:app',
    ]);
  });

  it('kaudit netpol reads them from the cluster', async () => {
    const run = await cli(['netpol', '--kubeconfig', env.kubeconfig, '-f', 'json']);
    expect(run.code).toBe(0);
    const rows = (JSON.parse(run.out) as { namespaces: { namespace: string; ingressIsolated: number; egressIsolated: number }[] })
      .namespaces;
    expect(rows.map((r) => [r.namespace, r.ingressIsolated, r.egressIsolated])).toEqual([
      ['billing', 5, 2],
      ['legacy', 0, 1],
      ['ops', 1, 1],
      ['shop', 2, 4],
    ]);
  });
});
