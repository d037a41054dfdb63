/**
 * deploy/: the in-cluster manifests and the container image, checked statically (no Docker engine,
 * no cluster). The ClusterRole is checked against the resource table and against the requests a real
 * scan sends; the CronJob's pod is scanned by kaudit itself; the Dockerfile is parsed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadCatalog } from '../../src/pipeline/registry.js';
import { packageRoot } from '../../src/io/package-root.js';
import { parseExceptions } from '../../src/engine/exceptions.js';
import { CONSTRAINTS_GROUP, RESOURCE_TYPES } from '../../src/core/resources.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

const root = packageRoot();
const k8sDir = join(root, 'deploy', 'kubernetes');

// ---------------------------------------------------------------------------------------------
// Loading the manifests

interface Doc {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(f) ? [p] : [];
    });
}

function loadDocs(): Doc[] {
  return yamlFiles(k8sDir).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
      if (d.errors.length) throw new Error(`${relative(root, file)}: ${d.errors[0]!.message}`);
      return { ...(d.toJS() as Doc), file: relative(root, file) };
    }),
  );
}

const docs = loadDocs();
const one = (kind: string, name: string): Doc => {
  const found = docs.filter((d) => d.kind === kind && d.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name} in deploy/kubernetes, found ${found.length}`);
  return found[0]!;
};
const clusterRole = one('ClusterRole', 'kaudit-reader');
const cronJob = one('CronJob', 'kaudit');
const podSpec = cronJob.spec.jobTemplate.spec.template.spec;
const container = podSpec.containers[0];
const args: string[] = container.args;
const argValue = (flag: string): string[] => args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []));

/** The waivers the CronJob passes with --exceptions, written to a file as the pod sees them. */
function exceptionsFile(dir: string): string {
  const cm = one('ConfigMap', 'kaudit-exceptions');
  const file = join(dir, 'exceptions.yaml');
  writeFileSync(file, cm.data['exceptions.yaml']);
  return file;
}

// ---------------------------------------------------------------------------------------------
// RBAC evaluation (enough of it for the rules this role may contain)

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
const rules: PolicyRule[] = clusterRole.rules;

/** "group|resource" -> verbs, over every resource rule. */
function grants(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of rules) {
    if (rule.nonResourceURLs) continue;
    for (const g of rule.apiGroups ?? [])
      for (const r of rule.resources ?? []) {
        const key = `${g}|${r}`;
        const verbs = out.get(key) ?? new Set<string>();
        for (const v of rule.verbs) verbs.add(v);
        out.set(key, verbs);
      }
  }
  return out;
}
const sorted = (s: Set<string> | undefined): string[] => [...(s ?? [])].sort();

function allowsResource(verb: string, group: string, resource: string): boolean {
  // RBAC's resource wildcard matches every resource of the rule's groups (subresources too).
  return rules.some(
    (r) =>
      !r.nonResourceURLs &&
      r.verbs.includes(verb) &&
      (r.apiGroups ?? []).includes(group) &&
      (r.resources ?? []).some((x) => x === resource || x === '*'),
  );
}
function allowsUrl(verb: string, url: string): boolean {
  // RBAC matches a non-resource URL exactly, or by a prefix ending in '*'.
  return rules.some(
    (r) =>
      r.verbs.includes(verb) && (r.nonResourceURLs ?? []).some((u) => u === url || (u.endsWith('*') && url.startsWith(u.slice(0, -1)))),
  );
}

/** What RBAC sees in a GET request: a list, a get, a subresource, or a non-resource URL. */
function accessOf(path: string): { verb: string; group: string; resource: string } | { url: string } {
  // /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB[/...]]] and /apis/GROUP/VERSION/...; anything else is a URL.
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)(?:\/([^/]+)(?:\/([^/]+)(?:\/.*)?)?)?$/.exec(path);
  if (!m) return { url: path };
  const [, group = '', plural = '', name, sub] = m;
  if (sub !== undefined) return { verb: 'get', group, resource: `${plural}/${sub}` };
  return { verb: name === undefined ? 'list' : 'get', group, resource: plural };
}

describe('deploy/kubernetes manifests', () => {
  it('every YAML document parses and is a Kubernetes object in the kaudit namespace', () => {
    expect(docs.length).toBeGreaterThan(0);
    const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
    for (const d of docs) {
      expect([d.file, typeof d.apiVersion, typeof d.kind, typeof d.metadata?.name]).toEqual([d.file, 'string', 'string', 'string']);
      expect([d.file, d.metadata.name.length > 0]).toEqual([d.file, true]);
      expect([d.file, d.kind, d.metadata.namespace]).toEqual([d.file, d.kind, clusterScoped.has(d.kind) ? undefined : 'kaudit']);
    }
    expect(docs.map((d) => `${d.file} ${d.kind}/${d.metadata.name}`).sort()).toEqual([
      'deploy/kubernetes/cronjob.yaml CronJob/kaudit',
      'deploy/kubernetes/cronjob.yaml PersistentVolumeClaim/kaudit-reports',
      'deploy/kubernetes/exceptions.yaml ConfigMap/kaudit-exceptions',
      'deploy/kubernetes/networkpolicy.yaml NetworkPolicy/kaudit',
      'deploy/kubernetes/rbac.yaml ClusterRole/kaudit-reader',
      'deploy/kubernetes/rbac.yaml ClusterRoleBinding/kaudit-reader',
      'deploy/kubernetes/rbac.yaml Namespace/kaudit',
      'deploy/kubernetes/rbac.yaml ServiceAccount/kaudit',
      'deploy/kubernetes/tools/report-reader.yaml Pod/kaudit-report-reader',
    ]);
  });

  it('the namespace enforces the restricted Pod Security Standard', () => {
    expect(one('Namespace', 'kaudit').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  it('binds the role to the kaudit service account only, which mounts its token', () => {
    const sa = one('ServiceAccount', 'kaudit');
    expect(sa.automountServiceAccountToken).toBe(true);
    const binding = one('ClusterRoleBinding', 'kaudit-reader');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kaudit-reader' });
    // The waivers in exceptions.yaml are scoped to this binding: it must not gain other subjects.
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kaudit', namespace: 'kaudit' }]);
    expect(docs.filter((d) => d.kind === 'ClusterRoleBinding' || d.kind === 'RoleBinding')).toHaveLength(1);
    expect([podSpec.serviceAccountName, podSpec.automountServiceAccountToken]).toEqual(['kaudit', true]);
  });
});

describe('ClusterRole kaudit-reader', () => {
  it('grants get and list on every kind of the resource table, and list only on metadata-only kinds (secrets)', () => {
    const g = grants();
    for (const r of RESOURCE_TYPES) {
      const expected = r.metadataOnly ? ['list'] : ['get', 'list'];
      expect([r.key, r.group, r.plural, sorted(g.get(`${r.group}|${r.plural}`))]).toEqual([r.key, r.group, r.plural, expected]);
    }
    expect(sorted(g.get('|secrets'))).toEqual(['list']);
  });

  it('grants get on nodes/proxy (kubelet /configz) and get on /version', () => {
    expect(sorted(grants().get('|nodes/proxy'))).toEqual(['get']);
    expect(allowsUrl('get', '/version')).toBe(true);
  });

  it('grants nothing beyond that: no other verb, resource or URL, no wildcard but list on Gatekeeper constraints, no resourceNames', () => {
    const allowed = new Set([...RESOURCE_TYPES.map((r) => `${r.group}|${r.plural}`), '|nodes/proxy', `${CONSTRAINTS_GROUP}|*`]);
    expect([...grants().keys()].filter((k) => !allowed.has(k))).toEqual([]);
    // Constraint kinds are named by their templates: list on the group's resources, nothing else.
    expect(rules.filter((r) => (r.resources ?? []).includes('*'))).toEqual([
      { apiGroups: [CONSTRAINTS_GROUP], resources: ['*'], verbs: ['list'] },
    ]);
    for (const rule of rules) {
      for (const v of rule.verbs) expect(['get', 'list']).toContain(v);
      const fields = rule.apiGroups?.includes(CONSTRAINTS_GROUP)
        ? [rule.apiGroups, rule.verbs]
        : [rule.apiGroups, rule.resources, rule.verbs];
      for (const field of fields) for (const x of field ?? []) expect(x).not.toContain('*');
      expect(rule.resourceNames).toBeUndefined();
      if (rule.nonResourceURLs) {
        expect([rule.apiGroups, rule.resources]).toEqual([undefined, undefined]);
        // /version, and discovery (which optional kinds are served): read-only URLs every cluster grants anyway.
        expect([rule.nonResourceURLs, rule.verbs]).toEqual([['/version', '/apis', '/apis/*'], ['get']]);
      }
    }
    expect(rules.filter((r) => r.nonResourceURLs)).toHaveLength(1);
    expect(clusterRole.aggregationRule).toBeUndefined();
    // Not even the verbs that only look read-only: watch streams secrets' values, and list is enough.
    expect(rules.some((r) => r.verbs.includes('watch'))).toBe(false);
    // The other documents grant nothing either.
    expect(docs.filter((d) => d.kind === 'Role' || d.kind === 'ClusterRole').map((d) => d.metadata.name)).toEqual(['kaudit-reader']);
  });

  describe('against the requests of a real scan', () => {
    let server: Live;
    let report: ScanResult;
    let snapshotCoverage: unknown[];
    let dir: string;
    beforeAll(async () => {
      server = await live({ inventory: demoInventory() });
      dir = mkdtempSync(join(tmpdir(), 'kaudit-deploy-'));
      const out = join(dir, 'report.json');
      const profiles = loadCatalog().profiles.map((p) => p.id);
      const run = await cli(['scan', '--kubeconfig', server.kubeconfig, ...profiles.flatMap((p) => ['-b', p]), '-o', out]);
      if (run.code !== 0) throw new Error(run.err);
      report = validReport(readFileSync(out, 'utf8'));
      // A snapshot reads every kind of the table, including those no shipped check requires.
      const snap = await cli(['snapshot', '--kubeconfig', server.kubeconfig, '-o', join(dir, 'snapshot.json')]);
      if (snap.code !== 0) throw new Error(snap.err);
      snapshotCoverage = JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')).coverage;
    });
    afterAll(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('every request of a scan with every shipped profile, and of a snapshot, is allowed by the role', () => {
      const requests = server.server.requests;
      expect(requests.length).toBeGreaterThan(0);
      expect(new Set(requests.map((r) => r.method))).toEqual(new Set(['GET', 'POST']));
      // The one POST: who the scan runs as (a SelfSubjectReview, which changes nothing). Every
      // authenticated user may ask it (system:basic-user), so kaudit-reader grants nothing for it.
      expect([...new Set(requests.filter((r) => r.method === 'POST').map((r) => r.path))]).toEqual([
        '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      ]);
      expect(report.scan.identity).toEqual({ status: 'known', username: 'kaudit', groups: ['system:authenticated'] });
      const denied = requests.filter((r) => {
        if (r.method === 'POST') return false;
        const a = accessOf(r.path);
        return 'url' in a ? !allowsUrl('get', a.url) : !allowsResource(a.verb, a.group, a.resource);
      });
      expect(denied.map((r) => r.path)).toEqual([]);
      // The rules the scan exercised: lists, the kubelet proxy and /version.
      expect(requests.some((r) => /^\/api\/v1\/nodes\/[^/]+\/proxy\/configz$/.test(r.path))).toBe(true);
      expect(requests.some((r) => r.path === '/version')).toBe(true);
      expect(report.coverage).toEqual([]);
      expect(snapshotCoverage).toEqual([]);
      // Every kind of the table was read, so every resource rule of the role was exercised.
      const listed = new Set(requests.map((r) => accessOf(r.path)).flatMap((a) => ('resource' in a ? [`${a.group}|${a.resource}`] : [])));
      // Optional kinds the demo does not serve are never listed (discovery says they are absent).
      const served = demoInventory().served;
      expect(
        RESOURCE_TYPES.filter((r) => (!r.optional || served[r.key]) && !listed.has(`${r.group}|${r.plural}`)).map((r) => r.key),
      ).toEqual([]);
      expect(requests.some((r) => r.path === '/apis')).toBe(true);
    });

    it('a cluster with Gatekeeper: the constraint kinds discovery lists are read under the role too', async () => {
      const inv = demoInventory();
      inv.served.gatekeeperConstraints = `${CONSTRAINTS_GROUP}/v1beta1`;
      inv.gatekeeperConstraints = [{ kind: 'K8sRequiredLabels', name: 'ns-team', enforcementAction: 'dryrun', matchKinds: ['Namespace'] }];
      const gk = await live({ inventory: inv });
      try {
        const run = await cli([
          'scan',
          '--kubeconfig',
          gk.kubeconfig,
          '--checks',
          'admission-policy-engine-enforcing',
          '-b',
          'kaudit-hardening',
          '-o',
          join(dir, 'gk.json'),
        ]);
        expect(run.code).toBe(0);
        const paths = gk.server.requests.map((r) => r.path);
        expect(paths).toContain(`/apis/${CONSTRAINTS_GROUP}/v1beta1/k8srequiredlabels`);
        const denied = gk.server.requests.filter((r) => {
          // The SelfSubjectReview POST is every authenticated user's (system:basic-user), as above.
          if (r.method === 'POST') return false;
          const a = accessOf(r.path);
          return 'url' in a ? !allowsUrl('get', a.url) : !allowsResource(a.verb, a.group, a.resource);
        });
        expect(denied.map((r) => r.path)).toEqual([]);
        expect(validReport<ScanResult>(readFileSync(join(dir, 'gk.json'), 'utf8')).coverage).toEqual([]);
      } finally {
        await gk.close();
      }
    });

    it('reads secrets as metadata only, which is why list (and not get) is granted on them', () => {
      const secretReads = server.server.requests.filter((r) => /\/secrets$/.test(r.path));
      expect(secretReads.length).toBeGreaterThan(0);
      for (const r of secretReads) expect(r.accept).toContain('as=PartialObjectMetadataList');
    });

    it('without get on nodes/proxy, CIS section 4.2 is not-assessed, never passed', async () => {
      server.server.setForbidden([{ resource: 'nodes/proxy' }]);
      const out = join(dir, 'no-proxy.json');
      const run = await cli(['scan', '--kubeconfig', server.kubeconfig, '-b', 'cis-1.12', '-o', out]);
      server.server.setForbidden([]);
      expect(run.code).toBe(0);
      const r = validReport<ScanResult>(readFileSync(out, 'utf8'));
      const kubelet = r.controls.filter((c) => c.id.startsWith('4.2.') && c.checks.length);
      expect(kubelet.length).toBeGreaterThan(0);
      expect([...new Set(kubelet.map((c) => c.status))]).toEqual(['not-assessed']);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The CronJob, scanned by kaudit itself

type Failing = Record<string, string[]>;
/** profile/control -> failing resources, for every failing control. */
function failing(report: ScanResult, status: ControlResult['status'] = 'fail'): Failing {
  const ref = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
  return Object.fromEntries(
    report.controls
      .filter((c) => c.status === status)
      .map((c) => [`${c.profile}/${c.id}`, [...new Set(c.findings.filter((f) => f.status === status).map((f) => ref(f.resource)))].sort()]),
  );
}

async function scanManifests(paths: string[], extra: string[]): Promise<ScanResult> {
  const run = await cli(['scan', '--manifests', ...paths, ...extra]);
  if (run.code !== 0) throw new Error(`scan exited ${run.code}: ${run.err}`);
  return validReport<ScanResult>(run.out);
}

describe("the CronJob's pod, scanned by kaudit", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-deploy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes pss-restricted entirely, and kaudit-workloads except the documented KW-2.2 (image not pinned by digest)', async () => {
    const report = await scanManifests([k8sDir], ['-b', 'pss-restricted', '-b', 'kaudit-workloads']);
    expect(failing(report)).toEqual({
      // Accepted, documented in cronjob.yaml and docs/deploy.md: the shipped image references are
      // placeholders with a tag; deploying by digest makes the control pass (next test).
      'kaudit-workloads/KW-2.2': ['CronJob/kaudit/kaudit', 'Pod/kaudit/kaudit-report-reader'],
    });
    expect([...new Set(report.controls.filter((c) => c.profile === 'pss-restricted').map((c) => c.status))]).toEqual(['pass']);
    // The CronJob (and the reader pod) were judged, not skipped.
    const nonRoot = report.controls.find((c) => c.profile === 'pss-restricted' && c.id === 'running-as-non-root')!;
    expect(nonRoot.objects).toEqual({ judged: 2, passed: 2 });
  });

  it('with the images pinned by digest, no control fails', async () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const pinned = join(dir, 'pinned');
    for (const file of yamlFiles(k8sDir)) {
      const text = readFileSync(file, 'utf8').replace(/^(\s*image: )(\S+)$/gm, `$1$2@${digest}`);
      const target = join(pinned, relative(k8sDir, file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const report = await scanManifests([pinned], ['-b', 'pss-restricted', '-b', 'kaudit-workloads']);
    expect(failing(report)).toEqual({});
  });

  it('in the CIS profile, fails only on its own three rights (5.1.2, 5.1.3, 5.1.10), which its exceptions file waives', async () => {
    const cis = await scanManifests([k8sDir], ['-b', 'cis-1.12']);
    const own = {
      'cis-1.12/5.1.2': ['ClusterRoleBinding/kaudit-reader'],
      // list on constraints.gatekeeper.sh/*: constraint kinds are named by their templates.
      'cis-1.12/5.1.3': ['ClusterRole/kaudit-reader'],
      'cis-1.12/5.1.10': ['ClusterRoleBinding/kaudit-reader'],
    };
    expect(failing(cis)).toEqual(own);
    const waived = await scanManifests([k8sDir], ['-b', 'cis-1.12', '-b', 'pss-restricted', '--exceptions', exceptionsFile(dir)]);
    expect(failing(waived)).toEqual({});
    expect(failing(waived, 'waived')).toEqual(own);
    expect(waived.exceptions.unused).toEqual([]);
    // The namespace's own controls pass: PSA enforce label (5.2.1) and a NetworkPolicy (5.3.2).
    expect(['5.2.1', '5.3.2'].map((id) => waived.controls.find((c) => c.id === id)?.status)).toEqual(['pass', 'pass']);
  });
});

describe('CronJob settings', () => {
  it('runs monthly, one run at a time, once, within 30 minutes, keeping 3 + 3 Jobs', () => {
    expect(cronJob.spec).toMatchObject({
      schedule: '0 3 1 * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 1800 });
    expect(podSpec.restartPolicy).toBe('Never');
  });

  it('runs as 65532, non-root, read-only, no capabilities, RuntimeDefault seccomp, sized from the bench figures', () => {
    expect(podSpec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
    const mounts = Object.fromEntries(container.volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries(podSpec.volumes.map((v: { name: string }) => [v.name, v]));
    expect(volumes[mounts['/tmp']]).toMatchObject({ emptyDir: {} });
    expect(volumes[mounts['/reports']]).toMatchObject({ persistentVolumeClaim: { claimName: 'kaudit-reports' } });
    expect(one('PersistentVolumeClaim', 'kaudit-reports').spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    });
  });

  it('passes only flags the scan command lists in its help', () => {
    expect(args.slice(0, 2)).toEqual(['scan', '--in-cluster']);
    // yargs prints help with console.log, so the installed entry point is run in a child process.
    const help = spawnSync(process.execPath, [join(root, 'bin', 'kaudit.js'), 'scan', '--in-cluster', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    const flags = args.filter((a) => a.startsWith('-'));
    expect(flags.filter((f) => !new RegExp(`\\s${f}\\s`).test(help.stdout))).toEqual([]);
    expect(argValue('--benchmark')).toEqual(['cis-1.12', 'pss-restricted']);
    expect(argValue('--output-dir')).toEqual(['/reports']);
    expect(argValue('--keep')).toEqual(['12']);
  });

  it('runs as written (the cluster swapped for the manifests, the mounts for folders) and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-deploy-'));
    try {
      exceptionsFile(dir);
      const local = args
        .flatMap((a) => (a === '--in-cluster' ? ['--manifests', k8sDir] : [a]))
        .map((a) => a.replace(/^\/etc\/kaudit\//, `${dir}/`).replace(/^\/reports$/, `${dir}/reports`));
      const run = await cli(local);
      expect([run.code, run.err]).toEqual([
        0,
        expect.stringMatching(new RegExp(`report written to ${dir}/reports/kaudit-manifests-\\d{8}T\\d{6}Z\\.json\n$`)),
      ]);
      // The log line a collector reads names the report and its latest copy.
      expect(JSON.parse(run.out)).toMatchObject({ exitCode: 0, latest: `${dir}/reports/kaudit-manifests-latest.json` });
      const report = validReport<ScanResult>(readFileSync(join(dir, 'reports', 'kaudit-manifests-latest.json'), 'utf8'));
      expect(report.profiles).toEqual(['cis-1.12', 'pss-restricted']);
      expect(report.summary).toBeDefined();
      expect(failing(report)).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the report to the volume and reads the exceptions from the mounted ConfigMap', () => {
    const mountOf = (path: string) => container.volumeMounts.find((m: { mountPath: string }) => path.startsWith(`${m.mountPath}/`));
    expect(argValue('--output-dir')).toEqual(['/reports']);
    expect(mountOf('/reports/kaudit-inClusterContext-latest.json')).toMatchObject({ name: 'reports' });
    const exceptions = argValue('--exceptions')[0];
    const mount = mountOf(exceptions!);
    const volume = podSpec.volumes.find((v: { name: string }) => v.name === mount.name);
    expect(volume.configMap.name).toBe('kaudit-exceptions');
    expect(Object.keys(one('ConfigMap', 'kaudit-exceptions').data)).toContain(exceptions!.slice(mount.mountPath.length + 1));
  });

  it('does not gate on findings: without --fail-on a completed scan exits 0 and the Job succeeds', () => {
    expect(args).not.toContain('--fail-on');
  });

  it("embeds an exceptions file that kaudit's loader accepts, with a reason and owner per entry", () => {
    const set = parseExceptions(
      'kaudit-exceptions',
      parse(one('ConfigMap', 'kaudit-exceptions').data['exceptions.yaml']),
      new Set(loadCatalog().checks.keys()),
      new Set(),
    );
    expect(set.entries.map((e) => [e.checks, e.resources, Boolean(e.reason), e.owner !== undefined])).toEqual([
      [['rbac-nodes-proxy'], [{ kind: 'ClusterRoleBinding', name: 'kaudit-reader' }], true, true],
      [['rbac-secrets-access'], [{ kind: 'ClusterRoleBinding', name: 'kaudit-reader' }], true, true],
      [['rbac-wildcard-rules'], [{ kind: 'ClusterRole', name: 'kaudit-reader' }], true, true],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The image

interface Instruction {
  stage: number;
  op: string;
  arg: string;
}

function dockerfile(): Instruction[] {
  const text = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let stage = -1;
  return logical.map((l) => {
    const [, op = '', arg = ''] = /^(\S+)\s*(.*)$/.exec(l)!;
    if (op.toUpperCase() === 'FROM') stage++;
    return { stage, op: op.toUpperCase(), arg };
  });
}

describe('deploy/Dockerfile', () => {
  const ins = dockerfile();
  const lastStage = Math.max(...ins.map((i) => i.stage));
  const final = ins.filter((i) => i.stage === lastStage);

  it('passes the dockerfile-utils linter with every rule an error (and the linter does catch mistakes)', async () => {
    const { validate, ValidationSeverity } = await import('dockerfile-utils');
    const E = ValidationSeverity.ERROR;
    const strict = {
      deprecatedMaintainer: E,
      directiveCasing: E,
      emptyContinuationLine: E,
      instructionCasing: E,
      instructionCmdMultiple: E,
      instructionEntrypointMultiple: E,
      instructionHealthcheckMultiple: E,
      instructionJSONInSingleQuotes: E,
      instructionWorkdirRelative: E,
    };
    const lint = (text: string) => validate(text, strict).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    const text = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
    expect(lint(text)).toEqual([]);
    // The same file with typical slips: each is reported at its line.
    const broken = text
      .replace('WORKDIR /app', 'WORKDIR app')
      .replace('ENTRYPOINT ["node", "/app/bin/kaudit.js"]', "ENTRYPOINT ['node', '/app/bin/kaudit.js']")
      .replace('COPY --from=build', 'COPY --frm=build');
    const line = (needle: string) => broken.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    expect(lint(broken).sort()).toEqual(
      [
        `${line('WORKDIR app')}: WORKDIR paths should be absolute`,
        `${line('ENTRYPOINT [')}: Instruction written as a JSON array but is using single quotes instead of double quotes`,
        `${line('COPY --frm')}: Unknown flag: frm`,
      ].sort(),
    );
  });

  it('is multi-stage, from a Node 20 image', () => {
    expect(lastStage).toBeGreaterThanOrEqual(1);
    const base = ins.find((i) => i.op === 'ARG' && i.arg.startsWith('NODE_IMAGE='))?.arg.split('=')[1];
    expect(base).toMatch(/^(node:20-slim|gcr\.io\/distroless\/nodejs20)/);
    expect(ins.filter((i) => i.op === 'FROM').map((i) => i.arg.split(/\s+/)[0])).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}']);
  });

  it('runs as a numeric, non-root USER', () => {
    const users = final.filter((i) => i.op === 'USER');
    expect(users).toHaveLength(1);
    const [uid, gid] = users[0]!.arg.split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(gid === undefined || (/^\d+$/.test(gid) && Number(gid) > 0)).toBe(true);
    // The CronJob runs as the same uid.
    expect(String(podSpec.securityContext.runAsUser)).toBe(uid);
  });

  it('starts bin/kaudit.js with node, in exec form', () => {
    const entry = final.filter((i) => i.op === 'ENTRYPOINT');
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]!.arg)).toEqual(['node', '/app/bin/kaudit.js']);
    expect(existsSync(join(root, 'bin', 'kaudit.js'))).toBe(true);
    expect(final.find((i) => i.op === 'WORKDIR')?.arg).toBe('/app');
  });

  it('builds with npm install, packs, and installs the packed package with production dependencies only', () => {
    const run = ins
      .filter((i) => i.stage === 0 && i.op === 'RUN')
      .map((i) => i.arg)
      .join(' && ');
    expect(run).toMatch(
      /npm install --no-audit --no-fund.*npm pack --ignore-scripts.*tar -xzf \/tmp\/kaudit-\*\.tgz -C \/app.*npm install --omit=dev/,
    );
  });

  it('copies into the build stage only paths that exist and that .dockerignore keeps', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'bench/out', 'kaudit-reports', '.git']));
    const sources = ins.filter((i) => i.stage === 0 && i.op === 'COPY').flatMap((i) => i.arg.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect([s, existsSync(join(root, s))]).toEqual([s, true]);
      expect([s, ignored.some((p) => s === p || s.startsWith(`${p}/`))]).toEqual([s, false]);
    }
  });

  it('ships the packed package: what package.json `files` lists, the one list of runtime files', () => {
    const copies = final.filter((i) => i.op === 'COPY').map((i) => i.arg);
    expect(copies).toEqual(['--from=build /app /app']);
    // The build stage has every path `files` names (or builds it: dist), so the pack is complete.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
    const sources = ins.filter((i) => i.stage === 0 && i.op === 'COPY').flatMap((i) => i.arg.split(/\s+/).slice(0, -1));
    for (const f of pkg.files.filter((f) => f !== 'dist'))
      expect([f, sources.some((s) => f === s || f.startsWith(`${s}/`))]).toEqual([f, true]);
    // Every data file beside the sources (templates, YAML, schemas) is in `files`: tsc compiles only
    // .ts into dist/, so anything else is read from the package root at run time.
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? walk(`${dir}/${f}`) : [`${dir}/${f}`]));
    const data = ['src', 'checks', 'reports', 'benchmarks', 'docs'].flatMap(walk).filter((f) => !f.endsWith('.ts'));
    expect(data.filter((f) => !pkg.files.some((c) => f === c || f.startsWith(`${c}/`)))).toEqual([]);
  });
});
