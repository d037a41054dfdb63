import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlChunks } from '../../reports/html.js';
import { terminalChunks } from '../../reports/terminal.js';
import type { ForbiddenRule } from '../../src/apiserver/index.js';
import type { Inventory } from '../../src/core/inventory.js';
import { packageRoot } from '../../src/io/package-root.js';
import type { ScanResult } from '../../src/core/result.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

const text = readFileSync(join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'crd-policies.yaml'), 'utf8');

function cluster(): Inventory {
  const inv = inventoryFromManifests([{ name: 'crd-policies.yaml', text }]).inventory;
  inv.served = {
    ciliumNetworkPolicies: 'cilium.io/v2',
    ciliumClusterwideNetworkPolicies: 'cilium.io/v2',
    calicoNetworkPolicies: 'crd.projectcalico.org/v1',
    calicoGlobalNetworkPolicies: 'crd.projectcalico.org/v1',
  };
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function scan(extra: string[], forbidden: ForbiddenRule[] = []): Promise<ScanResult> {
  env = await live({ inventory: cluster(), forbidden });
  const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-f', 'json', ...extra]);
  expect([0, 1]).toContain(run.code);
  return validReport<ScanResult>(run.out);
}

const BILLING_BROKEN =
  'Calico NetworkPolicy billing/broken: selector "app = \'ledger\'": expected an operator after label "app" at character 5';

describe("the report's network section", () => {
  it('carries per-namespace isolation when a network check ran (schema-valid, report version 1)', async () => {
    const report = await scan(['-b', 'kaudit-network']);
    expect(report.reportVersion).toBe(1);
    expect(report.network?.notAssessed).toBeUndefined();
    expect(
      report.network?.namespaces.map((r) => [
        r.namespace,
        r.pods,
        r.ingressIsolated,
        r.egressIsolated,
        r.defaultDeny.ingress,
        r.defaultDeny.egress,
        r.policies,
        r.crdPolicies,
        r.notUnderstood,
      ]),
    ).toEqual([
      ['billing', 5, 5, 2, 'deny-all', 'none', 0, 6, [BILLING_BROKEN]],
      ['legacy', 1, 0, 1, 'none', 'deny-all', 1, 1, []],
      ['ops', 3, 1, 1, 'none', 'none', 0, 4, []],
      ['shop', 4, 2, 4, 'none', 'deny-all', 0, 7, ['CiliumNetworkPolicy shop/bad-source: label source "container:" in key container:app']],
    ]);
    expect(report.network?.namespaces[0]?.defaultDenyPolicy).toEqual({ ingress: 'Calico GlobalNetworkPolicy prod-ingress' });

    // The terminal shows it in three lines; the HTML in its own section.
    const terminal = [...terminalChunks(report, { columns: 400 })].join('');
    const lines = terminal.split('\n');
    const at = lines.indexOf(
      'Network isolation: 8/13 pods isolated for ingress, 8/13 for egress; default deny in 1/4 namespaces for ingress, 2/4 for egress',
    );
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  Least isolated (ingress): legacy 0/1, ops 1/3, shop 2/4',
      `  Not understood (select nothing): ${BILLING_BROKEN}; CiliumNetworkPolicy shop/bad-source: label source "container:" in key container:app`,
    ]);
    const html = [...htmlChunks(report)].join('');
    const section = html.slice(html.indexOf('<section id="network">'), html.indexOf('<section id="controls">'));
    expect(section).toContain('8/13 pods are isolated for ingress, 8/13 for egress.');
    expect(section.match(/<tr data-ns="[^"]*">.*?<\/tr>/g)?.map((row) => row.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'))).toEqual([
      '|billing|5|5/5|2/5|deny-all|none|0|6|',
      '|legacy|1|0/1|1/1|none|deny-all|1|1|',
      '|ops|3|1/3|1/3|none|none|0|4|',
      '|shop|4|2/4|4/4|none|deny-all|0|7|',
    ]);
    expect(section).toContain('<li>CiliumNetworkPolicy shop/bad-source: label source &#34;container:&#34; in key container:app</li>');
  });

  it('is left out, with the reason, when a policy kind could not be read (never counts shown as if nothing were isolated)', async () => {
    const report = await scan(['-b', 'kaudit-network'], [{ resource: 'ciliumnetworkpolicies' }]);
    expect(report.network).toEqual({ notAssessed: 'ciliumNetworkPolicies not fully read (see coverage)', namespaces: [] });
    expect(report.coverage.map((c) => [c.key, c.namespace, c.status])).toEqual(
      ['billing', 'legacy', 'ops', 'shop'].map((ns) => ['ciliumNetworkPolicies', ns, 403]),
    );
    // The isolation check judges missing isolation: an unread policy kind could isolate the pods it
    // would call open, so it is not-assessed (judgesAbsence), never pass and never fail on half the data.
    expect(report.controls.filter((c) => c.checks.includes('netpol-workload-ingress-isolation')).map((c) => c.status)).toEqual([
      'not-assessed',
    ]);
    const terminal = [...terminalChunks(report, { columns: 200 })].join('');
    expect(terminal).toContain('\nNetwork isolation: not assessed (ciliumNetworkPolicies not fully read (see coverage))\n');
    expect([...htmlChunks(report)].join('')).toContain(
      '<p class="muted">Not assessed: ciliumNetworkPolicies not fully read (see coverage). ',
    );
  });

  it('is absent when no check reading NetworkPolicies ran', async () => {
    const report = await scan(['-b', 'pss-baseline']);
    expect('network' in report).toBe(false);
    expect([...terminalChunks(report, { columns: 200 })].join('')).not.toContain('Network isolation');
    expect([...htmlChunks(report)].join('')).not.toContain('id="network"');
  });
});
