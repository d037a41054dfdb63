/**
 * Node reports read live from the node agent's pod logs (GET pods/{name}/log) through the real
 * client and the loopback API server: a fresh report is judged; a missing, stale or malformed one,
 * a report for another node, a node without an agent pod and a forbidden log each leave the node's
 * controls not-assessed with the reason, never passed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';
import { controlPlaneReport, workerReport } from '../support/node-reports.js';

const NS = 'kaudit-node';
const NOW = Date.now();
const fresh = (r: NodeReport): NodeReport => ({ ...r, collectedAt: new Date(NOW - 3_600_000).toISOString() });
const line = (r: NodeReport): string => `${JSON.stringify(r)}\n`;

function node(name: string, controlPlane = false): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
  };
}

function agentPod(name: string, nodeName: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/name': 'kaudit-node' } },
    spec: { nodeName, containers: [{ name: 'agent', image: 'kaudit:0.1.0' }] },
  };
}

function cluster(nodes: KObject[], pods: KObject[]): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  inv.nodes.push(...nodes);
  inv.pods.push(...pods);
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function scan(args: string[] = []): Promise<{ code: number; err: string; report: ScanResult }> {
  const out = join(env!.dir, 'report.json');
  const run = await cli([
    'scan',
    '--kubeconfig',
    env!.kubeconfig,
    '--checks',
    'node-kubelet-config-mode,node-apiserver-manifest-mode,kubelet-hostname-override',
    '-o',
    out,
    ...args,
  ]);
  return {
    code: run.code,
    err: run.err,
    report: run.code <= 1 ? validReport<ScanResult>(readFileSync(out, 'utf8')) : (undefined as never),
  };
}
const control = (r: ScanResult, id: string): ControlResult => r.controls.find((c) => c.id === id)!;

describe("node reports from the agent pods' logs", () => {
  it('judges fresh reports, bounded reads of the log tail', async () => {
    const worker = fresh(workerReport());
    const loose = { ...worker, files: worker.files.map((f) => (f.role === 'kubelet-config' ? { ...f, mode: '0644' } : f)) };
    env = await live({
      inventory: cluster(
        [node('cp-1', true), node('worker-1')],
        [agentPod('kaudit-node-a', 'cp-1'), agentPod('kaudit-node-b', 'worker-1')],
      ),
      // An older run first: the last line of the log wins.
      podLogs: {
        [`${NS}/kaudit-node-a`]: line(fresh(controlPlaneReport())),
        [`${NS}/kaudit-node-b`]: `${line(worker)}kaudit: node worker-1: worker; 7 files stated, 0 problems\n${line(loose)}`,
      },
    });
    const { code, report } = await scan();
    expect(code).toBe(0);
    expect(report.coverage).toEqual([]);
    expect(control(report, '1.1.1').status).toBe('pass');
    expect(control(report, '4.2.7').status).toBe('pass');
    expect(control(report, '4.1.9').status).toBe('fail');
    expect(control(report, '4.1.9').findings.map((f) => `${f.resource.name} ${f.path} ${f.observed}`)).toEqual([
      'worker-1 /var/lib/kubelet/config.yaml 0644',
    ]);
    const logs = env.server.requests.filter((r) => r.path.endsWith('/log'));
    expect(logs.map((r) => `${r.method} ${r.path} ${r.query.tailLines} ${r.query.limitBytes}`).sort()).toEqual([
      `GET /api/v1/namespaces/${NS}/pods/kaudit-node-a/log 5 4194304`,
      `GET /api/v1/namespaces/${NS}/pods/kaudit-node-b/log 5 4194304`,
    ]);
    expect(env.server.requests.find((r) => r.path === `/api/v1/namespaces/${NS}/pods`)?.query.labelSelector).toBe(
      'app.kubernetes.io/name=kaudit-node',
    );
  });

  it('a stale, malformed, empty, misattributed or missing report leaves its node not-assessed with the reason', async () => {
    env = await live({
      inventory: cluster(
        [node('cp-1', true), node('worker-1'), node('worker-2'), node('worker-3'), node('worker-4'), node('worker-5')],
        [agentPod('a', 'cp-1'), agentPod('b', 'worker-1'), agentPod('c', 'worker-2'), agentPod('d', 'worker-3'), agentPod('e', 'worker-4')],
      ),
      podLogs: {
        [`${NS}/a`]: line(fresh(controlPlaneReport())),
        [`${NS}/b`]: line({ ...workerReport(), collectedAt: new Date(NOW - 30 * 3_600_000).toISOString() }),
        [`${NS}/c`]: '{"kind":"NodeReport","nodeReportVersion":1,"node":"worker-2","extra":"x"}\n',
        [`${NS}/e`]: line(fresh(workerReport('worker-9'))),
      },
    });
    const { code, report } = await scan();
    expect(code).toBe(0);
    expect(report.coverage.map((c) => `${c.node ?? '-'}: ${c.reason}`)).toEqual([
      `worker-1: the last report of node agent pod ${NS}/b is from ${new Date(NOW - 30 * 3_600_000).toISOString()}, older than --node-report-max-age (24h)`,
      `worker-2: node agent pod ${NS}/c: its log holds a malformed report ((root) must have required property 'collectedAt')`,
      `worker-3: node agent pod ${NS}/d has logged no report yet`,
      `worker-4: node agent pod ${NS}/e runs on node worker-4 but reported node worker-9`,
      "worker-5: no node agent pod runs on node worker-5 (taints or the DaemonSet's node selector?)",
    ]);
    const c = control(report, '4.1.9');
    expect(c.status).toBe('not-assessed');
    expect(c.reason).toContain(`node worker-1: the last report of node agent pod ${NS}/b is from`);
    expect(c.reason).toContain('node worker-5: no node agent pod runs on node worker-5');
    // Per node: the workers' missing reports do not touch the control-plane controls, cp-1 reported.
    expect(control(report, '1.1.1').status).toBe('pass');
    // --node-report-max-age widens the window for the stale one only.
    const wider = await scan(['--node-report-max-age', '2d']);
    expect(wider.report.coverage.map((x) => x.node)).toEqual(['worker-2', 'worker-3', 'worker-4', 'worker-5']);
  });

  it("kubelets whose /configz cannot be read are judged from the agents' reports, the source named", async () => {
    // The scanner may not read the kubelets' /configz (nodes/proxy forbidden).
    const cp = {
      ...fresh(controlPlaneReport()),
      kubeletConfig: { path: '/var/lib/kubelet/config.yaml', source: 'kubelet --config', settings: { readOnlyPort: 0 } },
    };
    const worker = fresh(workerReport());
    const noConfig = {
      ...worker,
      components: worker.components.map((c) =>
        c.name === 'kubelet' ? { ...c, flags: { kubeconfig: '/etc/kubernetes/kubelet.conf', 'read-only-port': '0' } } : c,
      ),
    };
    const run = async (w: NodeReport): Promise<ScanResult> => {
      env = await live({
        inventory: cluster([node('cp-1', true), node('worker-1')], [agentPod('a', 'cp-1'), agentPod('b', 'worker-1')]),
        podLogs: { [`${NS}/a`]: line(cp), [`${NS}/b`]: line(w) },
        forbidden: [{ resource: 'nodes/proxy' }],
      });
      const out = join(env.dir, 'report.json');
      const r = await cli(['scan', '--kubeconfig', env.kubeconfig, '--checks', 'kubelet-read-only-port', '-o', out]);
      expect(r.code).toBe(0);
      const report = validReport<ScanResult>(readFileSync(out, 'utf8'));
      await env.close();
      env = undefined;
      return report;
    };
    const passed = await run(noConfig);
    expect(passed.coverage.map((c) => `${c.key} ${c.node} ${c.status}`)).toEqual(['kubelets cp-1 403', 'kubelets worker-1 403']);
    expect(control(passed, '4.2.4')).toMatchObject({ status: 'pass', objects: { judged: 2, passed: 2 } });
    // Without --config, the kubelet's flag default opens the port: judged from the command line.
    const failed = await run({
      ...worker,
      components: worker.components.map((c) =>
        c.name === 'kubelet' ? { ...c, flags: { kubeconfig: '/etc/kubernetes/kubelet.conf' } } : c,
      ),
    });
    expect(control(failed, '4.2.4').status).toBe('fail');
    expect(control(failed, '4.2.4').findings.map((f) => `${f.resource.name} ${f.observed}`)).toEqual([
      `worker-1 10255 (node report: kubelet command line /proc/1001/cmdline, no --config)`,
    ]);
  });

  it('a report dated in the future is not fresh: its node is not-assessed', async () => {
    const future = new Date(NOW + 2 * 24 * 3_600_000).toISOString();
    env = await live({
      inventory: cluster([node('cp-1', true), node('worker-1')], [agentPod('a', 'cp-1'), agentPod('b', 'worker-1')]),
      podLogs: { [`${NS}/a`]: line(fresh(controlPlaneReport())), [`${NS}/b`]: line({ ...workerReport(), collectedAt: future }) },
    });
    const { report } = await scan();
    expect(report.coverage.map((c) => `${c.node ?? '-'}: ${c.reason}`)).toEqual([
      `worker-1: the last report of node agent pod ${NS}/b has an unusable time (${future})`,
    ]);
    expect(control(report, '4.1.9').status).toBe('not-assessed');
  });

  it('no agent deployed, or its logs forbidden: not-assessed, never passed', async () => {
    env = await live({ inventory: cluster([node('cp-1', true)], []) });
    const none = await scan();
    // Not a failed read (nothing to read): the checks say why they cannot judge.
    expect(none.report.coverage).toEqual([]);
    expect(control(none.report, '1.1.1')).toMatchObject({
      status: 'not-assessed',
      reason:
        'no node report: run the node agent (`kaudit node`, see docs/node-agent.md) and pass its reports with --node-report, or deploy its DaemonSet',
    });
    await env.close();

    env = await live({
      inventory: cluster([node('cp-1', true)], [agentPod('a', 'cp-1')]),
      podLogs: { [`${NS}/a`]: line(fresh(controlPlaneReport())) },
      forbidden: [{ resource: 'pods/log' }],
    });
    const forbidden = await scan();
    expect(forbidden.report.coverage.map((c) => [c.node, c.status, c.reason.split(':')[0]])).toEqual([
      ['cp-1', 403, `the log of node agent pod ${NS}/a could not be read`],
    ]);
    expect(control(forbidden.report, '1.1.1').status).toBe('not-assessed');
    expect(control(forbidden.report, '4.2.7').status).toBe('not-assessed');
  });

  it('--node-report files stand in for the logs; a bad file is exit 2 with one line', async () => {
    env = await live({ inventory: cluster([node('cp-1', true)], []) });
    const file = join(env.dir, 'cp-1.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(fresh(controlPlaneReport()), null, 2));
    const withFile = await scan(['--node-report', file]);
    expect(withFile.report.coverage).toEqual([]);
    expect(control(withFile.report, '1.1.1').status).toBe('pass');
    expect(env.server.requests.some((r) => r.path.includes(NS))).toBe(false);
    writeFileSync(
      file,
      JSON.stringify({
        ...controlPlaneReport(),
        encryption: { path: '/e', source: 's', resources: [{ resources: ['secrets'], providers: ['aescbc'], keys: ['c2VjcmV0'] }] },
      }),
    );
    const bad = await cli(['scan', '--kubeconfig', env.kubeconfig, '--node-report', file]);
    expect(bad).toMatchObject({
      code: 2,
      out: '',
      err: `kaudit: node report ${file}: /encryption/resources/0 must NOT have additional properties\n`,
    });
  });
});
