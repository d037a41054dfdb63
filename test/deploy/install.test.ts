/**
 * `kaudit install --print` against kustomize itself: kubectl's built-in kustomize (v5) builds
 * deploy/kustomize/base and overlays equivalent to each set of flags; the documents must be equal
 * (order included: the Namespace first). kubectl is part of this project's machines (docs/deploy.md).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { packageRoot } from '../../src/io/package-root.js';
import { cli } from '../support/live.js';

const root = packageRoot();
const base = join(root, 'deploy', 'kustomize', 'base');
const tmp = mkdtempSync(join(tmpdir(), 'kaudit-install-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const docs = (text: string): unknown[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null);
const kustomize = (dir: string): unknown[] => docs(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));

/** An overlay over the base, written as a person would write it for these choices. */
function overlay(name: string, body: Record<string, unknown>): string {
  const dir = join(tmp, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [relative(dir, base)], ...body }),
  );
  return dir;
}

const printed = async (args: string[]): Promise<unknown[]> => {
  const run = await cli(['install', '--print', ...args]);
  expect([run.code, run.err]).toEqual([0, '']);
  return docs(run.out);
};

const cronJobPatch = (ops: unknown[]) => ({ target: { kind: 'CronJob', name: 'kaudit' }, patch: stringify(ops) });
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('kaudit install --print equals kustomize', () => {
  it('the base, Namespace first', async () => {
    const built = kustomize(base);
    expect(built.map((d) => (d as { kind: string }).kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'PersistentVolumeClaim',
      'CronJob',
      'NetworkPolicy',
    ]);
    expect(await printed([])).toEqual(built);
  });

  it('namespace, image, schedule and profiles', async () => {
    const dir = overlay('all', {
      namespace: 'audit',
      images: [{ name: 'ghcr.io/example/kaudit', newName: 'registry.example.com/kaudit', newTag: '1.0' }],
      patches: [
        cronJobPatch([
          { op: 'replace', path: '/spec/schedule', value: '0 4 * * 0' },
          {
            op: 'replace',
            path: '/spec/jobTemplate/spec/template/spec/containers/0/args',
            value: ['scan', '--in-cluster', '--benchmark', 'pss-baseline', '--benchmark', 'cis-1.12', ...argsAfterBenchmarks()],
          },
        ]),
      ],
    });
    const built = kustomize(dir);
    expect(JSON.stringify(built)).toContain('"namespace":"audit"');
    expect(
      await printed([
        '--namespace',
        'audit',
        '--image',
        'registry.example.com/kaudit:1.0',
        '--schedule',
        '0 4 * * 0',
        '--profiles',
        'pss-baseline,cis-1.12',
      ]),
    ).toEqual(built);
  });

  it('an image pinned by digest', async () => {
    const dir = overlay('digest', { images: [{ name: 'ghcr.io/example/kaudit', newName: 'registry.example.com/kaudit', digest: DIGEST }] });
    expect(await printed(['--image', `registry.example.com/kaudit@${DIGEST}`])).toEqual(kustomize(dir));
  });

  it('the shipped example overlay', async () => {
    const built = kustomize(join(root, 'deploy', 'kustomize', 'overlays', 'example'));
    expect(JSON.stringify(built)).toContain('{"name":"KAUDIT_CLUSTER_NAME","value":"prod-eu-1"}');
    expect(
      await printed([
        '--namespace',
        'security-audit',
        '--image',
        'registry.example.com/kaudit:0.1.0',
        '--schedule',
        '0 4 * * 0',
        '--cluster-name',
        'prod-eu-1',
      ]),
    ).toEqual(built);
  });

  it('bad flags are one line and exit 2', async () => {
    expect(await cli(['install'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: kaudit never writes to a cluster: use `kaudit install --print | kubectl apply -f -` (or kubectl apply -k deploy/kustomize/base)\n',
    });
    expect(await cli(['install', '--print', '--namespace', 'Audit_1'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --namespace Audit_1: not a valid namespace name (lower-case letters, digits and -, at most 63)\n',
    });
    expect(await cli(['install', '--print', '--schedule', 'weekly'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --schedule weekly: not a cron expression of five fields (e.g. "0 3 * * 0")\n',
    });
    expect(await cli(['install', '--print', '--cluster-name', 'prod eu'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --cluster-name "prod eu": not a cluster name (letters, digits and . _ : @ / -, starting with a letter or digit, at most 253)\n',
    });
    expect(await cli(['install', '--print', '--profiles', 'cis-9'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --profiles: unknown profile "cis-9" (see `kaudit benchmarks`)\n',
    });
  });
});

/** The shipped CronJob's arguments after its --benchmark pairs (read from the base, so only the profiles differ). */
function argsAfterBenchmarks(): string[] {
  const cron = kustomize(base).find((d) => (d as { kind: string }).kind === 'CronJob') as {
    spec: { jobTemplate: { spec: { template: { spec: { containers: { args: string[] }[] } } } } };
  };
  const args = cron.spec.jobTemplate.spec.template.spec.containers[0]!.args;
  const last = args.lastIndexOf('--benchmark');
  return args.slice(last + 2);
}

describe('the node-agent component', () => {
  const component = join(root, 'deploy', 'kustomize', 'components', 'node-agent');
  const ids = (list: unknown[]) =>
    list.map((d) => {
      const m = d as { kind: string; metadata: { name: string; namespace?: string } };
      return `${m.kind}/${m.metadata.namespace ?? '-'}/${m.metadata.name}`;
    });

  it('install --print --with-node-agent equals the base with the component (image, schedule and cluster name too)', async () => {
    const dir = overlay('agent', {
      components: [relative(join(tmp, 'agent'), component)],
      images: [{ name: 'ghcr.io/example/kaudit', newName: 'registry.example.com/kaudit', newTag: '1.0' }],
      patches: [cronJobPatch([{ op: 'replace', path: '/spec/schedule', value: '0 4 * * 0' }])],
    });
    const built = kustomize(dir);
    expect(ids(built)).toEqual(
      expect.arrayContaining([
        'Namespace/-/kaudit-node',
        'DaemonSet/kaudit-node/kaudit-node',
        'Role/kaudit-node/kaudit-node-reports',
        'RoleBinding/kaudit-node/kaudit-node-reports',
      ]),
    );
    // The image replacement reaches the agent too: one image for both.
    expect(JSON.stringify(built).match(/registry\.example\.com\/kaudit:1\.0/g)).toHaveLength(2);
    expect(await printed(['--with-node-agent', '--image', 'registry.example.com/kaudit:1.0', '--schedule', '0 4 * * 0'])).toEqual(built);
    expect(await printed(['--with-node-agent'])).toEqual(
      kustomize(overlay('agent-plain', { components: [relative(join(tmp, 'agent-plain'), component)] })),
    );
  });

  it("with --namespace the agent stays in kaudit-node and its Role is bound to kaudit's account in the new namespace", async () => {
    const docsOut = (await printed(['--with-node-agent', '--namespace', 'audit'])) as {
      kind: string;
      metadata: { name: string; namespace?: string };
      subjects?: unknown[];
    }[];
    expect(ids(docsOut).filter((i) => i.includes('kaudit-node'))).toEqual([
      'Namespace/-/kaudit-node',
      'ServiceAccount/kaudit-node/kaudit-node',
      'Role/kaudit-node/kaudit-node-reports',
      'RoleBinding/kaudit-node/kaudit-node-reports',
      'DaemonSet/kaudit-node/kaudit-node',
    ]);
    expect(docsOut.find((d) => d.kind === 'RoleBinding')?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'kaudit', namespace: 'audit' },
    ]);
    expect(docsOut.find((d) => d.kind === 'CronJob')?.metadata.namespace).toBe('audit');
    // Without the flag, no agent.
    expect(ids(await printed([])).filter((i) => i.includes('kaudit-node'))).toEqual([]);
  });
});

describe('the post-report component', () => {
  it('adds --post-url with a token mounted from a Secret, and DNS egress, to the base', async () => {
    writeFileSync(join(tmp, 'token'), 'x');
    const dir = overlay('post', {
      components: [relative(join(tmp, 'post'), join(root, 'deploy', 'kustomize', 'components', 'post-report'))],
    });
    const built = kustomize(dir) as { kind: string; spec: Record<string, never> }[];
    const cron = built.find((d) => d.kind === 'CronJob') as unknown as {
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: { args: string[]; volumeMounts: unknown[] }[]; volumes: unknown[] } } } };
      };
    };
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const args = pod.containers[0]!.args;
    expect(args.slice(-4)).toEqual([
      '--post-url',
      'https://collector.example.com/kaudit/reports',
      '--post-token-file',
      '/etc/kaudit-post/token',
    ]);
    expect(pod.containers[0]!.volumeMounts).toContainEqual({ name: 'post-token', mountPath: '/etc/kaudit-post', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'post-token', secret: { secretName: 'kaudit-post-token', defaultMode: 0o440 } });
    // The CronJob writes to --output-dir, which --post-url needs; the flags parse (the scan then stops at the in-cluster check).
    expect(args).toContain('--output-dir');
    const local = args.map((a) =>
      a === '/etc/kaudit-post/token' ? join(tmp, 'token') : a === '/etc/kaudit/exceptions.yaml' ? join(tmp, 'token') : a,
    );
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      expect(await cli(local)).toEqual({
        code: 2,
        out: '',
        err: 'kaudit: --in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (not running in a pod?)\n',
      });
    } finally {
      if (saved.host !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved.host;
    }
    const policy = built.find((d) => d.kind === 'NetworkPolicy') as unknown as { spec: { egress: { ports: unknown[] }[] } };
    expect(policy.spec.egress.at(-1)).toEqual({
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    });
  });
});
