import { afterEach, describe, expect, it } from '@jest/globals';
import { emptyInventory } from '../../src/core/inventory.js';
import { cli, live, type Live } from '../support/live.js';

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const inventory = () => {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: 'x' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  return inv;
};

describe('kaudit preflight', () => {
  it('asks access reviews for every read the profiles need and names the controls a denial leaves not-assessed', async () => {
    env = await live({ inventory: inventory(), forbidden: [{ resource: 'nodes/proxy' }, { resource: 'secrets' }] });
    const run = await cli(['preflight', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12']);
    expect(run.code).toBe(0);
    // First lines of rows (cells wrap onto continuation lines whose first cell is empty).
    const rows = run.out.split('\n').filter((l) => l.startsWith('│ ') && !/^│\s+│/.test(l) && !l.startsWith('│ Access'));
    expect(rows[0]).toMatch(/^│ get nodes\/proxy \(all namespaces\)\s+│ NO\s+│ 13 controls: cis-1.12 4.2.1, cis-1.12 4.2.2/);
    expect(rows[1]).toMatch(/^│ list secrets \(all namespaces\)\s+│ NO\s+│ 1 controls: cis-1.12 5.6.4/);
    expect(run.out).toMatch(/│ list pods in kube-system\s+│ yes\s+│/);
    expect(run.out).toMatch(/│ list clusterrolebindings.rbac.authorization.k8s.io \(all namespaces\)\s+│ yes/);
    expect(run.err).toMatch(/^kaudit: \d+ reads checked for cis-1.12: 2 not allowed; their controls will be not-assessed/);
    // Only access reviews and the read-only rest: nothing that could change the cluster.
    const methods = env.server.requests.map((r) => `${r.method} ${r.path}`);
    expect(methods.every((m) => m === 'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
  });

  it('refuses offline sources with one line', async () => {
    expect(await cli(['preflight', '--manifests', 'x.yaml'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: preflight asks a live cluster: --manifests and --snapshot do not apply\n',
    });
  });
});
