/**
 * CIS 4.2.x from the kubelet's command line when /configz cannot be read: the node report's kubelet
 * flags over the configuration file's judged fields (or over the kubelet's flag defaults when it runs
 * without --config), the source named in the finding; not-assessed per node when neither /configz
 * nor a usable report exists, and /configz wins where both exist.
 */
import { describe, expect, it } from '@jest/globals';
import anonymousAuth from '../../checks/kubelet-anonymous-auth.js';
import readOnlyPort from '../../checks/kubelet-read-only-port.js';
import { kubeletFromReport } from '../../checks/_shared/kubelet-config.js';
import type { CoverageEntry, Inventory } from '../../src/core/inventory.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { kubeletWith, WORKER } from '../support/control-plane.js';
import { workerReport } from '../support/node-reports.js';

const CONFIG = '/var/lib/kubelet/config.yaml';
/** A worker whose kubelet runs with these flags, and (when given) the judged fields of its --config file. */
function kubeletReport(flags: Record<string, string>, settings?: Record<string, unknown>, node = 'worker-1'): NodeReport {
  const r = workerReport(node);
  return {
    ...r,
    components: r.components.map((c) => (c.name === 'kubelet' ? { ...c, flags } : c)),
    ...(settings ? { kubeletConfig: { path: CONFIG, source: 'kubelet --config', settings } } : {}),
  };
}
const reports =
  (...rs: NodeReport[]) =>
  (inv: Inventory): void => {
    inv.nodeReports = JSON.parse(JSON.stringify(rs)) as NodeReport[];
    if (!inv.collected.includes('kubelets')) inv.collected.push('kubelets');
  };
const configzFailed = (node: string): CoverageEntry => ({
  key: 'kubelets',
  kind: 'Node',
  node,
  status: 503,
  reason: 'configz: ServiceUnavailable: the kubelet did not answer',
});
const FROM_FILE = `node report: kubelet command line /proc/1001/cmdline and ${CONFIG} (kubelet --config)`;
const NO_CONFIG = 'node report: kubelet command line /proc/1001/cmdline, no --config';

describe('kubelet settings from a node report', () => {
  it("without --config: the kubelet's flag defaults (anonymous on, AlwaysAllow, port 10255), flags over them", () => {
    const got = kubeletFromReport(
      kubeletReport({
        'read-only-port': '0',
        'feature-gates': 'RotateKubeletServerCertificate=false,Foo=true',
        'tls-cipher-suites': 'A,B',
      }),
    );
    expect(got).toEqual({
      kubelet: {
        node: 'worker-1',
        source: NO_CONFIG,
        config: {
          authentication: { anonymous: { enabled: true }, webhook: { enabled: false } },
          authorization: { mode: 'AlwaysAllow' },
          readOnlyPort: 0,
          tlsCipherSuites: ['A', 'B'],
          featureGates: { RotateKubeletServerCertificate: false, Foo: true },
        },
      },
    });
  });

  it("with --config: the file's judged fields, flags over them; without the file in the report: the reason", () => {
    const got = kubeletFromReport(
      kubeletReport(
        { config: CONFIG, 'anonymous-auth': 'false' },
        { authentication: { anonymous: { enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } }, readOnlyPort: 10255 },
      ),
    );
    expect(got).toEqual({
      kubelet: {
        node: 'worker-1',
        source: FROM_FILE,
        config: {
          authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
          readOnlyPort: 10255,
        },
      },
    });
    expect(kubeletFromReport(kubeletReport({ config: CONFIG }))).toEqual({
      reason: `node worker-1: the kubelet runs with --config ${CONFIG}, which the node report does not give (written by an older node agent: run kaudit node again)`,
    });
    expect(kubeletFromReport({ ...workerReport(), components: [] })).toBeUndefined();
    // k3s's embedded kubelet runs with k3s's own settings, which no command line shows: not guessed.
    const k3s = {
      ...workerReport('k3s-1'),
      distribution: 'k3s' as const,
      components: [{ name: 'kubelet' as const, pid: 7, embeddedIn: 'k3s' as const, flags: {} }],
    };
    expect(kubeletFromReport(k3s)).toEqual({
      reason: 'node k3s-1: the kubelet runs inside k3s, whose own kubelet settings its command line does not show',
    });
  });
});

describe('kubelet-read-only-port from node reports', () => {
  new CheckTester(readOnlyPort).register(
    {
      pass: [
        {
          name: 'no /configz; the config file sets readOnlyPort 0',
          yaml: '',
          inventory: reports(kubeletReport({ config: CONFIG }, { readOnlyPort: 0 })),
        },
        { name: 'no /configz; no --config, --read-only-port=0', yaml: '', inventory: reports(kubeletReport({ 'read-only-port': '0' })) },
        // /configz wins over the report where both exist.
        {
          name: '/configz read (port 0) and a report saying 10255',
          yaml: kubeletWith({ '/readOnlyPort': 0 }),
          inventory: reports(kubeletReport({ 'read-only-port': '10255' })),
        },
      ],
      fail: [
        {
          name: 'no /configz; no --config: the flag default 10255',
          yaml: '',
          inventory: reports(kubeletReport({})),
          findings: [
            {
              messageId: 'open',
              resource: WORKER,
              path: '/readOnlyPort',
              message: 'kubelet on node worker-1 serves the unauthenticated read-only port 10255',
              observed: `10255 (${NO_CONFIG})`,
              expected: '0',
            },
          ],
        },
        {
          name: "/configz failed on worker-2; its report's flag opens the port, and a third node without anything does not stop the fail",
          yaml: kubeletWith({ '/readOnlyPort': 0 }),
          inventory: (inv) => {
            reports(kubeletReport({ config: CONFIG, 'read-only-port': '10255' }, { readOnlyPort: 0 }, 'worker-2'))(inv);
            inv.coverage.push(configzFailed('worker-2'), configzFailed('worker-3'));
          },
          findings: [{ messageId: 'open', resource: 'Node/worker-2', path: '/readOnlyPort', observed: `10255 (${FROM_FILE})` }],
        },
      ],
      unjudgeable: [
        {
          name: '/configz failed and no report for that node',
          status: 'not-assessed',
          reason:
            "kubelets on node worker-3: 503 configz: ServiceUnavailable: the kubelet did not answer, and no node report gives its kubelet's settings",
          yaml: kubeletWith({ '/readOnlyPort': 0 }),
          inventory: (inv) => void inv.coverage.push(configzFailed('worker-3')),
        },
        {
          name: 'no /configz, and the report predates kubeletConfig while the kubelet runs with --config',
          status: 'not-assessed',
          reason: `node worker-1: the kubelet runs with --config ${CONFIG}, which the node report does not give (written by an older node agent: run kaudit node again)`,
          yaml: '',
          inventory: reports(kubeletReport({ config: CONFIG })),
        },
        {
          name: 'neither /configz nor a node report',
          status: 'not-assessed',
          reason: 'no kubelet configuration could be read',
          yaml: '',
          inventory: reports(),
        },
      ],
    },
    it,
  );
});

describe('kubelet-anonymous-auth from node reports', () => {
  new CheckTester(anonymousAuth).register(
    {
      pass: [
        {
          name: 'no /configz; --anonymous-auth=false without --config',
          yaml: '',
          inventory: reports(kubeletReport({ 'anonymous-auth': 'false' })),
        },
      ],
      fail: [
        {
          name: 'no /configz; no --config: anonymous access is the flag default',
          yaml: '',
          inventory: reports(kubeletReport({})),
          findings: [
            { messageId: 'anonymous', resource: WORKER, path: '/authentication/anonymous/enabled', observed: `true (${NO_CONFIG})` },
          ],
        },
      ],
    },
    it,
  );
});
