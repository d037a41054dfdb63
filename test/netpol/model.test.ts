import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileNetworkPolicy, NetpolModel, netpolModel } from '../../checks/_shared/netpol-model.js';
import { findEndpoint, resolvePort, whoCanReach } from '../../checks/_shared/netpol-reach.js';
import { namespaceIsolation } from '../../checks/_shared/netpol-summary.js';
import { packageRoot } from '../../src/io/package-root.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const text = readFileSync(join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'cluster.yaml'), 'utf8');
const inv = inventoryFromManifests([{ name: 'cluster.yaml', text }]).inventory;
const model = netpolModel(inv);

const names = (ps: { object: { metadata: { name: string } } }[]) => ps.map((p) => p.object.metadata.name);

describe('NetworkPolicy isolation per pod', () => {
  it('isolates every pod exactly as Kubernetes does', () => {
    const actual = Object.fromEntries(
      inv.pods.map((pod) => {
        const iso = model.isolation(pod.metadata.namespace!, pod.metadata.labels);
        return [`${pod.metadata.namespace}/${pod.metadata.name}`, { ingress: names(iso.ingress), egress: names(iso.egress) }];
      }),
    );
    expect(actual).toEqual({
      // {} podSelector isolates every pod of shop for ingress.
      'shop/web': { ingress: ['default-deny-ingress'], egress: [] },
      // matchExpressions In; a policy without policyTypes and without egress rules isolates ingress only.
      'shop/api': { ingress: ['api-from-web', 'default-deny-ingress'], egress: [] },
      // The deny-all-egress server: isolated for both, by two policies.
      'shop/server': { ingress: ['default-deny-ingress'], egress: ['server-no-egress'] },
      // Egress rules without policyTypes: defaulted to Ingress and Egress.
      'shop/db': { ingress: ['db-egress', 'default-deny-ingress'], egress: ['db-egress'] },
      // egress: [] without policyTypes is no egress rule: Ingress only.
      'shop/cache': { ingress: ['cache-ingress', 'default-deny-ingress'], egress: [] },
      // The egress-only job: isolated for egress, open for ingress.
      'jobs/export': { ingress: [], egress: ['export-egress'] },
      'jobs/other': { ingress: [], egress: [] },
      // NotIn matches a pod whose tier is another value, and a pod without the label.
      'ops/sink': { ingress: ['internal'], egress: ['internal'] },
      'ops/unlabelled': { ingress: ['internal'], egress: ['internal'] },
      // DoesNotExist + In; ingress: [{}] without policyTypes isolates ingress (and allows everything).
      'ops/public': { ingress: ['appless'], egress: [] },
      // Exists; the malformed selector selects nobody.
      'ops/operator': { ingress: [], egress: ['roles-no-egress'] },
      'open/anything': { ingress: [], egress: [] },
    });
  });

  it('counts pods isolated per namespace and finds default denies', () => {
    expect(namespaceIsolation(inv)).toEqual([
      {
        namespace: 'jobs',
        policies: 1,
        crdPolicies: 0,
        notUnderstood: [],
        pods: 2,
        ingressIsolated: 0,
        egressIsolated: 1,
        defaultDeny: { ingress: 'none', egress: 'none' },
        defaultDenyPolicy: {},
      },
      {
        namespace: 'open',
        policies: 0,
        crdPolicies: 0,
        notUnderstood: [],
        pods: 1,
        ingressIsolated: 0,
        egressIsolated: 0,
        defaultDeny: { ingress: 'none', egress: 'none' },
        defaultDenyPolicy: {},
      },
      {
        namespace: 'ops',
        policies: 4,
        crdPolicies: 0,
        notUnderstood: [],
        pods: 4,
        ingressIsolated: 3,
        egressIsolated: 3,
        defaultDeny: { ingress: 'none', egress: 'none' },
        defaultDenyPolicy: {},
      },
      {
        namespace: 'shop',
        policies: 5,
        crdPolicies: 0,
        notUnderstood: [],
        pods: 5,
        ingressIsolated: 5,
        egressIsolated: 2,
        defaultDeny: { ingress: 'deny-all', egress: 'none' },
        defaultDenyPolicy: { ingress: 'NetworkPolicy shop/default-deny-ingress' },
      },
    ]);
  });

  it('compiles policyTypes defaults, peers, ports and endPort', () => {
    const byName = new Map(inv.networkPolicies.map((p) => [p.metadata.name, compileNetworkPolicy(p)]));
    expect(byName.get('export-egress')).toMatchObject({
      ingress: undefined,
      egress: [
        {
          index: 0,
          peers: [
            {
              type: 'pods',
              namespaces: [{ key: 'team', operator: 'equals', values: ['ops'] }],
              pods: [{ key: 'app', operator: 'equals', values: ['sink'] }],
            },
          ],
          ports: [{ protocol: 'TCP', port: 9000, endPort: 9100 }],
        },
      ],
    });
    expect(byName.get('db-egress')).toMatchObject({
      ingress: [],
      egress: [{ peers: [{ type: 'ipBlock', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], ports: 'any' }],
    });
    expect(byName.get('cache-ingress')?.egress).toBeUndefined();
    expect(byName.get('malformed')?.podSelector).toBeUndefined();
    expect(byName.get('appless')?.ingress).toEqual([{ index: 0, peers: 'any', ports: 'any' }]);
  });
});

describe('which pods may reach pod X on port P', () => {
  const reach = (ref: string, port: string) => {
    const target = findEndpoint(inv, ref)!;
    const answer = whoCanReach(inv, target, resolvePort(target, port, 'TCP')!);
    return { ...answer, sources: answer.sources.map((s) => `${s.namespace}/${s.name} via ${s.ingress}; ${s.egress}`) };
  };

  it('a named port resolves against the destination: only web, on 8080', () => {
    expect(reach('shop/api', 'http')).toEqual({
      target: { kind: 'Pod', namespace: 'shop', name: 'api' },
      port: 8080,
      protocol: 'TCP',
      ingressPolicies: ['NetworkPolicy shop/api-from-web', 'NetworkPolicy shop/default-deny-ingress'],
      sources: ['shop/web via NetworkPolicy shop/api-from-web ingress rule 0; not isolated for egress'],
      addresses: [],
      caveats: [],
    });
    expect(reach('shop/api', '9090').sources).toEqual([]);
  });

  it('both sides must allow: shop pods whose egress is closed cannot reach ops/sink, jobs/export is not admitted', () => {
    expect(reach('ops/sink', '9050').sources).toEqual([
      'shop/web via NetworkPolicy ops/internal ingress rule 0; not isolated for egress',
      'shop/api via NetworkPolicy ops/internal ingress rule 0; not isolated for egress',
      'shop/cache via NetworkPolicy ops/internal ingress rule 0; not isolated for egress',
    ]);
  });

  it('an ingress: [{}] rule admits every source whose egress allows it, and any address', () => {
    const answer = reach('ops/public', '80');
    expect(answer.addresses).toEqual(['any address']);
    expect(answer.sources.map((s) => s.split(' via ')[0]).sort()).toEqual([
      'jobs/other',
      'open/anything',
      'ops/public',
      'ops/sink',
      'ops/unlabelled',
      'shop/api',
      'shop/cache',
      'shop/web',
    ]);
    expect(answer.sources).toContain('ops/sink via NetworkPolicy ops/appless ingress rule 0; NetworkPolicy ops/internal egress rule 0');
  });

  it('the default-deny server is reachable by nobody; unknown targets and port names are undefined', () => {
    expect(reach('shop/server', '80')).toMatchObject({ sources: [], addresses: [] });
    expect(findEndpoint(inv, 'shop/nope')).toBeUndefined();
    expect(findEndpoint(inv, 'shop')).toBeUndefined();
    expect(resolvePort(findEndpoint(inv, 'shop/api')!, 'grpc', 'TCP')).toBeUndefined();
  });
});

describe('other policy kinds compile into the same model', () => {
  it('a cluster-wide policy (namespace undefined) isolates matching pods in every namespace and adds to the namespace policies', () => {
    const clusterWide = {
      object: { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'deny-egress-jobs' } },
      namespace: undefined,
      podSelector: [{ key: 'job', operator: 'exists' as const, values: [] }],
      egress: [],
    };
    const extended = new NetpolModel([...inv.networkPolicies.map(compileNetworkPolicy), clusterWide], inv.namespaces);
    expect(names(extended.isolation('jobs', { job: 'other' }).egress)).toEqual(['deny-egress-jobs']);
    expect(names(extended.isolation('jobs', { job: 'export' }).egress)).toEqual(['export-egress', 'deny-egress-jobs']);
    expect(names(extended.isolation('open', { app: 'anything' }).egress)).toEqual([]);
  });
});
