/**
 * `kaudit install --print`: the manifests of deploy/kustomize/base (and with --with-node-agent its
 * node-agent component, deploy/node-agent), read from the same files kustomize
 * reads (the kustomizations' resource lists, followed to deploy/kubernetes/*.yaml), with the same
 * transformations kustomize applies for --namespace (namespace:), --image (images:) and --schedule /
 * --profiles / --cluster-name (patches), and kustomize's output order (Namespace first). test/deploy/install.test.ts
 * compares the output with `kubectl kustomize` over equivalent overlays.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { UsageError } from '../core/errors.js';

export const KUSTOMIZE_BASE = join('deploy', 'kustomize', 'base');
export const NODE_AGENT_COMPONENT = join('deploy', 'kustomize', 'components', 'node-agent');
/** The image the shipped CronJob names; --image replaces it (kustomize `images: - name:`). */
export const BASE_IMAGE = 'ghcr.io/example/kaudit';

export interface InstallOptions {
  namespace?: string;
  schedule?: string;
  image?: string;
  profiles?: string[];
  /** The CronJob's KAUDIT_CLUSTER_NAME (checked with clusterNameArg). */
  clusterName?: string;
  /** Add the node agent component (its DaemonSet stays in its own namespace, kaudit-node). */
  withNodeAgent?: boolean;
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Every object a kustomization's resources name, depth first, in listed order. */
export function kustomizationResources(dir: string): Manifest[] {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${dir}: no kustomization file`);
  const k = parse(readFileSync(file, 'utf8')) as { resources?: string[] };
  return (k.resources ?? []).flatMap((r) => {
    const path = join(dir, r);
    if (statSync(path).isDirectory()) return kustomizationResources(path);
    return parseAllDocuments(readFileSync(path, 'utf8'))
      .map((d) => d.toJS() as Manifest | null)
      .filter((m): m is Manifest => m !== null);
  });
}

/** kustomize's default ("legacy") output order: these kinds first, in this order; webhooks last. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const rank = (kind: string): number =>
  ORDER_FIRST.includes(kind) ? ORDER_FIRST.indexOf(kind) : ORDER_LAST.includes(kind) ? 1000 + ORDER_LAST.indexOf(kind) : 500;
// Ties (same rank) are ordered by kustomize's resource id: group version kind, namespace, name.
const sortKey = (m: Manifest): string => `${m.apiVersion}/${m.kind}|${m.metadata.namespace ?? ''}|${m.metadata.name}`;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Five cron fields (or a @macro); the API server validates the rest. */
const CRON = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/;
const IMAGE = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/;

export function checkInstallOptions(o: InstallOptions, knownProfiles: ReadonlySet<string>): void {
  if (o.namespace !== undefined && !DNS_LABEL.test(o.namespace))
    throw new UsageError(`--namespace ${o.namespace}: not a valid namespace name (lower-case letters, digits and -, at most 63)`);
  if (o.schedule !== undefined && !CRON.test(o.schedule.trim()))
    throw new UsageError(`--schedule ${o.schedule}: not a cron expression of five fields (e.g. "0 3 * * 0")`);
  if (o.image !== undefined && !IMAGE.test(o.image))
    throw new UsageError(`--image ${o.image}: not an image reference (registry/name:tag or registry/name@sha256:digest)`);
  for (const p of o.profiles ?? [])
    if (!knownProfiles.has(p)) throw new UsageError(`--profiles: unknown profile "${p}" (see \`kaudit benchmarks\`)`);
  if (o.profiles && !o.profiles.length) throw new UsageError('--profiles: name at least one profile');
}

type Container = { image?: string; args?: string[]; env?: { name: string; value?: string }[] };
const podContainers = (m: Manifest): Container[] => {
  const spec = m.spec as
    | {
        jobTemplate?: { spec?: { template?: { spec?: { containers?: Container[] } } } };
        template?: { spec?: { containers?: Container[] } };
      }
    | undefined;
  return spec?.jobTemplate?.spec?.template?.spec?.containers ?? spec?.template?.spec?.containers ?? [];
};
const imageName = (image: string): string => image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');

/** --profiles: the CronJob's --benchmark pairs replaced by one per profile, where the first one was. */
function withProfiles(args: string[], profiles: string[]): string[] {
  const at = args.indexOf('--benchmark');
  const rest = args.filter((a, i) => a !== '--benchmark' && args[i - 1] !== '--benchmark');
  const insertAt = at < 0 ? rest.length : at;
  return [...rest.slice(0, insertAt), ...profiles.flatMap((p) => ['--benchmark', p]), ...rest.slice(insertAt)];
}

export function installManifests(root: string, o: InstallOptions): Manifest[] {
  const manifests = kustomizationResources(join(root, KUSTOMIZE_BASE));
  const agent = o.withNodeAgent ? kustomizationResources(join(root, NODE_AGENT_COMPONENT)) : [];
  // The agent keeps its own privileged namespace; only the scanner's account it grants follows --namespace.
  for (const m of agent) {
    if (o.namespace && m.kind === 'RoleBinding')
      for (const s of (m.subjects as { kind: string; namespace?: string }[] | undefined) ?? [])
        if (s.kind === 'ServiceAccount' && s.namespace === 'kaudit') s.namespace = o.namespace;
    for (const c of podContainers(m)) if (o.image && c.image && imageName(c.image) === BASE_IMAGE) c.image = o.image;
  }
  for (const m of manifests) {
    if (o.namespace) {
      if (m.kind === 'Namespace') m.metadata.name = o.namespace;
      else if (m.metadata.namespace) m.metadata.namespace = o.namespace;
      if (m.kind === 'ClusterRoleBinding' || m.kind === 'RoleBinding')
        for (const s of (m.subjects as { kind: string; namespace?: string }[] | undefined) ?? [])
          if (s.kind === 'ServiceAccount') s.namespace = o.namespace;
    }
    if (m.kind === 'CronJob' && o.schedule) (m.spec as { schedule: string }).schedule = o.schedule.trim();
    for (const c of podContainers(m)) {
      if (o.image && c.image && imageName(c.image) === BASE_IMAGE) c.image = o.image;
      if (m.kind === 'CronJob' && o.profiles && c.args) c.args = withProfiles(c.args, o.profiles);
      // As the overlay's patch: `add` at /env/- (the base sets NODE_OPTIONS, so env exists).
      if (m.kind === 'CronJob' && o.clusterName) c.env = [...(c.env ?? []), { name: 'KAUDIT_CLUSTER_NAME', value: o.clusterName }];
    }
  }
  return [...manifests, ...agent].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0),
  );
}

export function manifestsYaml(manifests: Manifest[], header: string): string {
  return `${header}\n${manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n')}`;
}
