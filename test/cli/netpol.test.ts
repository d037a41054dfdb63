import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { cli, live, type Live } from '../support/live.js';

const fixture = join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'cluster.yaml');
const inventory = () => inventoryFromManifests([{ name: 'cluster.yaml', text: readFileSync(fixture, 'utf8') }]).inventory;

describe('kaudit netpol', () => {
  let env: Live;
  let denied: Live;
  beforeAll(async () => {
    env = await live({ inventory: inventory() });
    denied = await live({ inventory: inventory(), forbidden: [{ resource: 'networkpolicies', namespace: 'ops' }] });
  });
  afterAll(async () => {
    await env.close();
    await denied.close();
  });

  it('summary: pods isolated per namespace and default denies, from a live cluster', async () => {
    const run = await cli(['netpol', '--kubeconfig', env.kubeconfig]);
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
    expect(rows).toEqual([
      ['Namespace', 'Policies', 'Cilium/Calico', 'Pods', 'Ingress isolated', 'Egress isolated', 'Default deny (ingress / egress)'],
      ['jobs', '1', '0', '2', '0/2', '1/2', 'none / none'],
      ['open', '0', '0', '1', '0/1', '0/1', 'none / none'],
      ['ops', '4', '0', '4', '3/4', '3/4', 'none / none'],
      ['shop', '5', '0', '5', '5/5', '2/5', 'deny-all / none'],
    ]);
  });

  it('reach: which pods may reach a pod on a named port, as JSON', async () => {
    const run = await cli(['netpol', 'reach', 'shop/api', '--port', 'http', '-f', 'json', '--kubeconfig', env.kubeconfig]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({
      target: { kind: 'Pod', namespace: 'shop', name: 'api' },
      port: 8080,
      protocol: 'TCP',
      ingressPolicies: ['NetworkPolicy shop/api-from-web', 'NetworkPolicy shop/default-deny-ingress'],
      sources: [
        {
          kind: 'Pod',
          namespace: 'shop',
          name: 'web',
          podCount: 1,
          ingress: 'NetworkPolicy shop/api-from-web ingress rule 0',
          egress: 'not isolated for egress',
        },
      ],
      addresses: [],
      caveats: [],
      incomplete: [],
    });
  });

  it('reach as a table from manifests; nobody may reach the default-deny server', async () => {
    const run = await cli(['netpol', 'reach', 'shop/Pod/server', '--port', '80', '--manifests', fixture]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      'Pod shop/server port 80/TCP: isolated for ingress by NetworkPolicy shop/default-deny-ingress\nNo pod may reach it.\nAddresses admitted: none\n',
    );
  });

  it('an answer from partial reads says it is incomplete', async () => {
    const run = await cli(['netpol', 'reach', 'ops/sink', '--port', '9050', '-f', 'json', '--kubeconfig', denied.kubeconfig]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).incomplete).toEqual([expect.stringMatching(/^NetworkPolicy in ops: /)]);
    expect(run.err).toMatch(/^kaudit: incomplete: the answer leaves out what could not be read \(NetworkPolicy in ops: .*\)$/m);
  });

  it('bad input: one line, exit 2', async () => {
    const bad = async (args: string[]) => {
      const run = await cli(['netpol', ...args, '--manifests', fixture]);
      return [run.code, run.err];
    };
    expect(await bad(['reach', 'shop/api'])).toEqual([
      2,
      'kaudit: netpol reach: name the destination and the port: netpol reach NAMESPACE/NAME --port PORT\n',
    ]);
    expect(await bad(['reach', 'shop/nope', '--port', '80'])).toEqual([
      2,
      'kaudit: netpol reach: no pod or workload shop/nope in the input (NAMESPACE/NAME or NAMESPACE/KIND/NAME)\n',
    ]);
    expect(await bad(['reach', 'shop/api', '--port', 'grpc'])).toEqual([
      2,
      'kaudit: netpol reach: --port grpc is neither a port number nor a TCP container port name of shop/api\n',
    ]);
    expect(await bad(['reach', 'shop/api', '--port', '70000'])).toEqual([
      2,
      'kaudit: netpol reach: --port 70000 is neither a port number nor a TCP container port name of shop/api\n',
    ]);
    expect(await bad(['shop/api'])).toEqual([2, expect.stringMatching(/^kaudit: Invalid values:.*action/s)]);
  });
});
