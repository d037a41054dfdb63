/**
 * A synthetic cluster Inventory for the benchmark, generated deterministically from a seed (a
 * mulberry32 PRNG, never Math.random): the same flags give byte-identical objects.
 *
 * Shape (defaults: 20,000 pods, 500 namespaces, 50 nodes):
 * - 3 control-plane nodes with static kube-apiserver/controller-manager/scheduler/etcd pods in
 *   kube-system, 47 workers; every node has a kubelet configuration (served on /configz).
 * - DaemonSets on every node (kube-proxy, calico-node, node-exporter), CoreDNS, ingress-nginx,
 *   Prometheus (StatefulSet) in the system namespaces.
 * - Application namespaces share the remaining pods: Deployments (current and old ReplicaSets,
 *   pods with ownerReferences and pod-template-hash labels), a StatefulSet in every fifth namespace,
 *   a CronJob with a finished Job in every fourth; a ServiceAccount, Roles and RoleBindings, a
 *   Service, a ConfigMap and Secrets per workload, NetworkPolicies in 9 namespaces out of 10, an
 *   Ingress in every third.
 * - Roughly 300 ClusterRoles and 200 ClusterRoleBindings, five admission webhook configurations.
 * Objects look like what a real API server returns (managedFields, status with conditions,
 * kube-api-access volumes, ...): a running pod is about 4-5 KB of JSON.
 *
 * Run directly to inspect or save it: `node dist/bench/synthetic.js --pods 2000 --stats`,
 * `--out file.json` writes it as a snapshot (which `bench/server.js --snapshot` and `kaudit scan
 * --snapshot` read).
 */
import { emptyInventory, type Inventory, type KubeletConfigInfo } from '../src/core/inventory.js';
import type { Container, KObject, OwnerReference, PodSpec, PolicyRule, RoleSubject, ServicePort } from '../src/core/k8s.js';
import { RESOURCE_KEYS } from '../src/core/resources.js';
import { compactObject } from '../src/core/compact.js';
import { sanitizeObject } from '../src/core/sanitize.js';
import { writeSnapshot } from '../src/offline/snapshot.js';
import { mustExist } from '../src/core/errors.js';
import { checkFlags, intFlag, isMain, parseArgs, stringFlag } from './common.js';

export interface SyntheticOptions {
  pods: number;
  /** Total namespaces, system ones included. Default: one per 40 pods (500 at 20,000 pods), at least 7. */
  namespaces?: number;
  /** Default 50 (3 of them control-plane nodes). */
  nodes?: number;
  seed?: number;
}

export const DEFAULT_PODS = 20_000;
export const DEFAULT_NODES = 50;
export const DEFAULT_SEED = 0x6b617564; // "kaud"
export const PODS_PER_NAMESPACE = 40;

export const defaultNamespaces = (pods: number): number => Math.max(SYSTEM_NAMESPACES.length + 1, Math.round(pods / PODS_PER_NAMESPACE));

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'monitoring', 'ingress-nginx'] as const;
const CONTROL_PLANE_NODES = 3;
const KUBERNETES_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.4', platform: 'linux/amd64' };
const BASE_TIME = Date.UTC(2026, 0, 5, 8, 0, 0);

const TEAMS = [
  'payments',
  'checkout',
  'catalog',
  'search',
  'identity',
  'billing',
  'orders',
  'shipping',
  'inventory',
  'reviews',
  'notifications',
  'analytics',
  'reporting',
  'ledger',
  'pricing',
  'fraud',
  'recommendations',
  'media',
  'profile',
  'gateway',
];
const APPS = [
  'api',
  'worker',
  'web',
  'consumer',
  'scheduler',
  'cache',
  'proxy',
  'indexer',
  'sync',
  'exporter',
  'frontend',
  'backend',
  'processor',
  'ingest',
  'notifier',
  'auth',
];
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return mustExist(items[Math.floor(this.next() * items.length)], 'an item to pick');
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n)
      s += Math.floor(this.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** A name suffix as the Kubernetes controllers generate them. */
  suffix(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += SUFFIX_ALPHABET[Math.floor(this.next() * SUFFIX_ALPHABET.length)];
    return s;
  }
  base64(n: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * 64)];
    return s;
  }
}

const iso = (seconds: number): string => new Date(BASE_TIME + seconds * 1000).toISOString().replace('.000Z', 'Z');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

// ---------------------------------------------------------------------------------------------
// The builder

type Json = Record<string, unknown>;

interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Json & { containers: Container[]; volumes?: NonNullable<PodSpec['volumes']>; restartPolicy?: string };
}

interface Variant {
  hardened: boolean;
  limits: boolean;
  netRaw: boolean;
  hostNetwork: boolean;
  root: boolean;
}

class Builder {
  readonly inv: Inventory;
  readonly g: Rng;
  private rv = 100_000;
  private clock = 0;
  private podIp = 0;
  private serviceIp = 16;
  readonly nodes: string[] = [];
  readonly workers: string[] = [];
  readonly caPem: string;

  constructor(seed: number) {
    this.g = new Rng(seed);
    this.inv = emptyInventory({ type: 'snapshot', collectedAt: iso(90 * 86_400), inputs: ['synthetic'] });
    this.inv.version = KUBERNETES_VERSION;
    this.inv.collected = [...RESOURCE_KEYS, 'version', 'kubelets', 'controlPlane'];
    this.caPem = pem(this.g, 'CERTIFICATE', 1024);
  }

  resourceVersion(): string {
    this.rv += this.g.int(1, 97);
    return String(this.rv);
  }
  /** Creation times move forward through the cluster's first 60 days. */
  created(): string {
    this.clock += this.g.int(1, 300);
    return iso(this.clock % (60 * 86_400));
  }
  nextPodIp(): string {
    const n = this.podIp++;
    return `10.244.${(n >> 8) & 255}.${n & 255}`;
  }
  nextServiceIp(): string {
    const n = this.serviceIp++;
    return `10.96.${(n >> 8) & 255}.${n & 255}`;
  }
  nodeIp(node: string): string {
    return `10.0.${Math.floor(this.nodes.indexOf(node) / 250)}.${(this.nodes.indexOf(node) % 250) + 10}`;
  }

  meta(name: string, namespace: string | undefined, extra: Json = {}): KObject['metadata'] {
    return {
      name,
      ...(namespace ? { namespace } : {}),
      uid: this.g.uuid(),
      resourceVersion: this.resourceVersion(),
      creationTimestamp: this.created(),
      ...extra,
    } as KObject['metadata'];
  }

  // --- cluster-scoped ------------------------------------------------------------------------

  namespace(name: string, labels: Record<string, string> = {}): void {
    this.inv.namespaces.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: this.meta(name, undefined, { labels: { 'kubernetes.io/metadata.name': name, ...labels } }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    // Every namespace gets the root CA ConfigMap and its default ServiceAccount, as in a real cluster.
    this.inv.configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: this.meta('kube-root-ca.crt', name, {
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      }),
      data: { 'ca.crt': this.caPem },
    });
    this.serviceAccount(name, 'default');
  }

  node(name: string, controlPlane: boolean): void {
    const g = this.g;
    this.nodes.push(name);
    if (!controlPlane) this.workers.push(name);
    const ip = this.nodeIp(name);
    const zone = `zone-${'abc'[this.nodes.length % 3]}`;
    const images = Array.from({ length: 24 }, (_, i) => {
      const repo =
        i < 8
          ? `registry.k8s.io/${['kube-proxy', 'pause', 'coredns/coredns', 'etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'metrics-server/metrics-server'][i]}`
          : `registry.example.com/${TEAMS[i % TEAMS.length]}/${APPS[i % APPS.length]}`;
      return {
        names: [`${repo}@sha256:${g.hex(64)}`, `${repo}:v1.${g.int(0, 40)}.${g.int(0, 9)}`],
        sizeBytes: g.int(300_000, 400_000_000),
      };
    });
    this.inv.nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: this.meta(name, undefined, {
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': controlPlane ? 'c6i.xlarge' : 'm6i.2xlarge',
          'topology.kubernetes.io/region': 'eu-central',
          'topology.kubernetes.io/zone': zone,
          ...(controlPlane
            ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
            : { 'node-role.kubernetes.io/worker': '' }),
        },
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'projectcalico.org/IPv4Address': `${ip}/24`,
          'projectcalico.org/IPv4IPIPTunnelAddr': `10.244.${this.nodes.length}.0`,
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      }),
      spec: {
        podCIDR: `10.244.${this.nodes.length}.0/24`,
        podCIDRs: [`10.244.${this.nodes.length}.0/24`],
        ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: {
        addresses: [
          { address: ip, type: 'InternalIP' },
          { address: name, type: 'Hostname' },
        ],
        allocatable: {
          cpu: controlPlane ? '4' : '8',
          'ephemeral-storage': '95026644016',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: controlPlane ? '7901556Ki' : '32301556Ki',
          pods: '110',
        },
        capacity: {
          cpu: controlPlane ? '4' : '8',
          'ephemeral-storage': '103110508Ki',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: controlPlane ? '8003956Ki' : '32403956Ki',
          pods: '110',
        },
        conditions: [
          ['NetworkUnavailable', 'False', 'CalicoIsUp', 'Calico is running on this node'],
          ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
          ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
          ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
          ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
        ].map(([type, status, reason, message]) => ({
          type,
          status,
          reason,
          message,
          lastHeartbeatTime: iso(89 * 86_400),
          lastTransitionTime: iso(g.int(0, 30) * 86_400),
        })),
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        images,
        nodeInfo: {
          architecture: 'amd64',
          bootID: g.uuid(),
          containerRuntimeVersion: 'containerd://1.7.27',
          kernelVersion: '6.8.0-1021-aws',
          kubeProxyVersion: 'v1.33.4',
          kubeletVersion: 'v1.33.4',
          machineID: g.hex(32),
          operatingSystem: 'linux',
          osImage: 'Ubuntu 24.04.2 LTS',
          systemUUID: g.uuid(),
        },
      },
    });
    this.inv.kubelets.push(kubeletConfig(name, g));
  }

  clusterRole(name: string, rules: PolicyRule[], extra: Json = {}): void {
    this.inv.clusterRoles.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: this.meta(name, undefined, {
        labels:
          name.startsWith('system:') || ['admin', 'edit', 'view', 'cluster-admin'].includes(name)
            ? { 'kubernetes.io/bootstrapping': 'rbac-defaults' }
            : { 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      }),
      rules,
      ...extra,
    });
  }

  clusterRoleBinding(name: string, role: string, subjects: RoleSubject[]): void {
    this.inv.clusterRoleBindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: this.meta(name, undefined, {
        labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects,
    });
  }

  // --- namespaced ----------------------------------------------------------------------------

  serviceAccount(namespace: string, name: string, extra: Json = {}): void {
    this.inv.serviceAccounts.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: this.meta(
        name,
        namespace,
        name === 'default'
          ? {}
          : {
              labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/managed-by': 'Helm' },
              annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': namespace },
            },
      ),
      ...extra,
    });
  }

  role(namespace: string, name: string, rules: PolicyRule[]): void {
    this.inv.roles.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: this.meta(name, namespace, { labels: { 'app.kubernetes.io/managed-by': 'Helm' } }),
      rules,
    });
  }

  roleBinding(namespace: string, name: string, roleKind: 'Role' | 'ClusterRole', role: string, subjects: RoleSubject[]): void {
    this.inv.roleBindings.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: this.meta(name, namespace, { labels: { 'app.kubernetes.io/managed-by': 'Helm' } }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
      subjects,
    });
  }

  service(namespace: string, name: string, selector: Record<string, string>, ports: ServicePort[], extra: Json = {}): void {
    const headless = extra.clusterIP === 'None';
    const ip = headless ? 'None' : this.nextServiceIp();
    this.inv.services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.meta(name, namespace, {
        labels: { app: selector.app ?? name, 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': namespace },
      }),
      spec: {
        clusterIP: ip,
        clusterIPs: [ip],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports,
        selector,
        sessionAffinity: 'None',
        type: 'ClusterIP',
        ...extra,
      },
      status: { loadBalancer: {} },
    });
  }

  configMap(namespace: string, name: string, data: Record<string, string>, labels: Record<string, string> = {}): void {
    this.inv.configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: this.meta(name, namespace, {
        labels: { 'app.kubernetes.io/managed-by': 'Helm', ...labels },
        annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': namespace },
      }),
      data,
    });
  }

  secret(namespace: string, name: string, type: string, keys: string[], labels: Record<string, string> = {}): void {
    const data = Object.fromEntries(keys.map((k) => [k, this.g.base64(k === 'release' ? 2048 : 44)]));
    this.inv.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: this.meta(name, namespace, { labels }), type, data });
  }

  // --- workloads -----------------------------------------------------------------------------

  /** A Deployment, its current ReplicaSet (and an old one, scaled to zero, half of the time), and its pods. */
  deployment(
    namespace: string,
    name: string,
    replicas: number,
    template: PodTemplate,
    opts: { lastApplied?: boolean; system?: boolean } = {},
  ): void {
    const g = this.g;
    const labels = template.metadata.labels;
    const annotations: Record<string, string> = {
      'deployment.kubernetes.io/revision': String(g.int(1, 12)),
      'meta.helm.sh/release-name': name,
      'meta.helm.sh/release-namespace': namespace,
    };
    const spec = {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: labels.app } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template,
    };
    if (opts.lastApplied)
      annotations['kubectl.kubernetes.io/last-applied-configuration'] =
        JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec }) + '\n';
    const generation = g.int(1, 20);
    const dep: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.meta(name, namespace, {
        generation,
        labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm' },
        annotations,
        managedFields: managedFields(g, 'helm', ['f:spec', 'f:metadata']),
      }),
      spec,
      status: {
        availableReplicas: replicas,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastTransitionTime: this.created(),
            lastUpdateTime: this.created(),
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${name}-xxxxxxxxxx" has successfully progressed.`,
            lastTransitionTime: this.created(),
            lastUpdateTime: this.created(),
          },
        ],
        observedGeneration: generation,
        readyReplicas: replicas,
        replicas,
        updatedReplicas: replicas,
      },
    };
    this.inv.deployments.push(dep);
    const owner = ownerRef('apps/v1', 'Deployment', dep);
    const replicaSet = (hash: string, count: number, revision: number): KObject => {
      const rsTemplate = { metadata: { ...template.metadata, labels: { ...labels, 'pod-template-hash': hash } }, spec: template.spec };
      const rs: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: this.meta(`${name}-${hash}`, namespace, {
          generation: 1,
          labels: { ...labels, 'pod-template-hash': hash },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
            'deployment.kubernetes.io/revision': String(revision),
          },
          ownerReferences: [owner],
        }),
        spec: { replicas: count, selector: { matchLabels: { app: labels.app, 'pod-template-hash': hash } }, template: rsTemplate },
        status: count
          ? { availableReplicas: count, fullyLabeledReplicas: count, observedGeneration: 1, readyReplicas: count, replicas: count }
          : { observedGeneration: 2, replicas: 0 },
      };
      this.inv.replicaSets.push(rs);
      return rs;
    };
    if (g.chance(0.5)) replicaSet(g.suffix(10), 0, 1);
    const hash = g.suffix(10);
    const rs = replicaSet(hash, replicas, 2);
    const rsOwner = ownerRef('apps/v1', 'ReplicaSet', rs);
    for (let i = 0; i < replicas; i++)
      this.pod(
        namespace,
        { generateName: `${rs.metadata.name}-` },
        template,
        { 'pod-template-hash': hash },
        rsOwner,
        this.pickNode(opts.system),
      );
  }

  statefulSet(namespace: string, name: string, replicas: number, template: PodTemplate): void {
    const g = this.g;
    const revision = `${name}-${g.suffix(10)}`;
    const sts: KObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: this.meta(name, namespace, {
        generation: 1,
        labels: { ...template.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': namespace },
      }),
      spec: {
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        podManagementPolicy: 'OrderedReady',
        replicas,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: template.metadata.labels.app } },
        serviceName: `${name}-headless`,
        template,
        updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '20Gi' } },
              storageClassName: 'standard',
              volumeMode: 'Filesystem',
            },
            status: { phase: 'Pending' },
          },
        ],
      },
      status: {
        availableReplicas: replicas,
        collisionCount: 0,
        currentReplicas: replicas,
        currentRevision: revision,
        observedGeneration: 1,
        readyReplicas: replicas,
        replicas,
        updateRevision: revision,
        updatedReplicas: replicas,
      },
    };
    this.inv.statefulSets.push(sts);
    const owner = ownerRef('apps/v1', 'StatefulSet', sts);
    for (let i = 0; i < replicas; i++) {
      this.pod(
        namespace,
        `${name}-${i}`,
        template,
        {
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': `${name}-${i}`,
        },
        owner,
        this.pickNode(false),
      );
    }
  }

  /** A DaemonSet with one pod per node (tolerating the control-plane taint when `everywhere`). */
  daemonSet(namespace: string, name: string, template: PodTemplate, everywhere: boolean): void {
    const g = this.g;
    const nodes = everywhere ? this.nodes : this.workers;
    const revision = g.suffix(10);
    const ds: KObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: this.meta(name, namespace, {
        generation: 1,
        labels: { ...template.metadata.labels },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      }),
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { 'k8s-app': name } },
        template,
        updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
      },
      status: {
        currentNumberScheduled: nodes.length,
        desiredNumberScheduled: nodes.length,
        numberAvailable: nodes.length,
        numberMisscheduled: 0,
        numberReady: nodes.length,
        observedGeneration: 1,
        updatedNumberScheduled: nodes.length,
      },
    };
    this.inv.daemonSets.push(ds);
    const owner = ownerRef('apps/v1', 'DaemonSet', ds);
    for (const node of nodes) {
      const affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
          },
        },
      };
      this.pod(
        namespace,
        { generateName: `${name}-` },
        { metadata: template.metadata, spec: { ...template.spec, affinity } },
        { 'controller-revision-hash': revision, 'pod-template-generation': '1' },
        owner,
        node,
      );
    }
  }

  /** A CronJob with one finished Job (and its Succeeded pod). */
  cronJob(namespace: string, name: string, template: PodTemplate): void {
    const g = this.g;
    const cj: KObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: this.meta(name, namespace, { generation: 1, labels: { ...template.metadata.labels } }),
      spec: {
        concurrencyPolicy: 'Forbid',
        failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template } },
        schedule: `${g.int(0, 59)} */${g.int(1, 6)} * * *`,
        successfulJobsHistoryLimit: 3,
        suspend: false,
      },
      status: { lastScheduleTime: iso(89 * 86_400), lastSuccessfulTime: iso(89 * 86_400 + 120) },
    };
    this.inv.cronJobs.push(cj);
    const jobName = `${name}-${29_000_000 + g.int(0, 999_999)}`;
    const jobUid = g.uuid();
    const jobLabels = {
      'batch.kubernetes.io/controller-uid': jobUid,
      'batch.kubernetes.io/job-name': jobName,
      'controller-uid': jobUid,
      'job-name': jobName,
    };
    const jobTemplate = { metadata: { ...template.metadata, labels: { ...template.metadata.labels, ...jobLabels } }, spec: template.spec };
    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        ...this.meta(jobName, namespace, {
          generation: 1,
          labels: jobLabels,
          annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': iso(89 * 86_400) },
          ownerReferences: [ownerRef('batch/v1', 'CronJob', cj)],
        }),
        uid: jobUid,
      },
      spec: {
        backoffLimit: 2,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': jobUid } },
        suspend: false,
        template: jobTemplate,
      },
      status: {
        completionTime: iso(89 * 86_400 + 118),
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: iso(89 * 86_400 + 118), lastTransitionTime: iso(89 * 86_400 + 118) },
          { type: 'Complete', status: 'True', lastProbeTime: iso(89 * 86_400 + 118), lastTransitionTime: iso(89 * 86_400 + 118) },
        ],
        ready: 0,
        startTime: iso(89 * 86_400),
        succeeded: 1,
        terminating: 0,
        uncountedTerminatedPods: {},
      },
    };
    this.inv.jobs.push(job);
    this.pod(
      namespace,
      { generateName: `${jobName}-` },
      jobTemplate,
      {},
      ownerRef('batch/v1', 'Job', job),
      this.pickNode(false),
      'Succeeded',
    );
  }

  pickNode(system?: boolean): string {
    return mustExist(
      system && this.g.chance(0.3)
        ? this.nodes[this.g.int(0, CONTROL_PLANE_NODES - 1)]
        : this.workers[this.g.int(0, this.workers.length - 1)],
      'a node',
    );
  }

  /** One pod from a template: per-pod labels, owner, node, kube-api-access volume and status. */
  pod(
    namespace: string,
    naming: string | { generateName: string },
    template: PodTemplate,
    extraLabels: Record<string, string>,
    owner: OwnerReference | undefined,
    node: string,
    phase: 'Running' | 'Succeeded' = 'Running',
  ): void {
    const g = this.g;
    const generateName = typeof naming === 'string' ? undefined : naming.generateName;
    const name = typeof naming === 'string' ? naming : `${naming.generateName}${g.suffix(5)}`;
    const apiVolume = `kube-api-access-${g.suffix(5)}`;
    const apiMount = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: apiVolume, readOnly: true };
    const spec = template.spec;
    const withMount = (c: Container): Container => ({ ...c, volumeMounts: [...(c.volumeMounts ?? []), apiMount] });
    const containers = spec.containers.map(withMount);
    const initContainers = (spec.initContainers as Container[] | undefined)?.map(withMount);
    const ip = spec.hostNetwork ? this.nodeIp(node) : this.nextPodIp();
    const started = this.created();
    const uid = g.uuid();
    const sa = (spec.serviceAccountName as string | undefined) ?? 'default';
    const statusOf = (c: Json, init: boolean): Json => {
      const image = String(c.image);
      const terminated = init || phase === 'Succeeded';
      return {
        containerID: `containerd://${g.hex(64)}`,
        image,
        imageID: `${image.replace(/:[^:/]+$/, '')}@sha256:${g.hex(64)}`,
        lastState: {},
        name: c.name,
        ready: !terminated,
        restartCount: terminated ? 0 : g.chance(0.9) ? 0 : g.int(1, 4),
        started: !terminated,
        state: terminated
          ? {
              terminated: {
                containerID: `containerd://${g.hex(64)}`,
                exitCode: 0,
                finishedAt: started,
                reason: 'Completed',
                startedAt: started,
              },
            }
          : { running: { startedAt: started } },
      };
    };
    const ready = phase === 'Running' ? 'True' : 'False';
    const condition = (type: string, status: string): Json => ({
      lastProbeTime: null,
      lastTransitionTime: started,
      status,
      type,
      ...(status === 'False' && type !== 'PodReadyToStartContainers' ? { reason: 'PodCompleted' } : {}),
    });
    this.inv.pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        ...(generateName ? { generateName } : {}),
        namespace,
        uid,
        resourceVersion: this.resourceVersion(),
        creationTimestamp: started,
        labels: { ...template.metadata.labels, ...extraLabels },
        annotations: { ...template.metadata.annotations, ...(spec.hostNetwork ? {} : { 'cni.projectcalico.org/podIP': `${ip}/32` }) },
        ...(owner ? { ownerReferences: [owner] } : {}),
        managedFields: managedFields(g, 'kubelet', ['f:status']).slice(1),
      },
      spec: {
        ...spec,
        containers,
        ...(initContainers ? { initContainers } : {}),
        enableServiceLinks: true,
        nodeName: node,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: spec.priorityClassName ? 2000001000 : 0,
        serviceAccount: sa,
        tolerations: [
          ...((spec.tolerations as Json[] | undefined) ?? []),
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
        volumes: [
          ...(spec.volumes ?? []),
          {
            name: apiVolume,
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
                { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
              ],
            },
          },
        ],
      },
      status: {
        conditions: [
          condition('PodReadyToStartContainers', ready),
          condition('Initialized', 'True'),
          condition('Ready', ready),
          condition('ContainersReady', ready),
          condition('PodScheduled', 'True'),
        ],
        containerStatuses: containers.map((c) => statusOf(c, false)),
        ...(initContainers ? { initContainerStatuses: initContainers.map((c) => statusOf(c, true)) } : {}),
        hostIP: this.nodeIp(node),
        hostIPs: [{ ip: this.nodeIp(node) }],
        phase,
        podIP: ip,
        podIPs: [{ ip }],
        qosClass: containers.every((c) => (c.resources as Json | undefined)?.limits) ? 'Burstable' : 'BestEffort',
        startTime: started,
      },
    });
  }

  /** kubeadm's static pods (mirror pods) on a control-plane node. */
  staticPods(node: string, index: number): void {
    const g = this.g;
    const ip = this.nodeIp(node);
    const etcdPeers = Array.from({ length: CONTROL_PLANE_NODES }, (_, i) => `cp-${i + 1}=https://${this.nodeIp(`cp-${i + 1}`)}:2380`).join(
      ',',
    );
    const commands: Record<string, string[]> = {
      'kube-apiserver': [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
        ...(index === 0
          ? [
              '--profiling=false',
              '--audit-log-path=/var/log/kubernetes/audit.log',
              '--audit-log-maxage=30',
              '--audit-log-maxbackup=10',
              '--audit-log-maxsize=100',
            ]
          : []),
      ],
      'kube-controller-manager': [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16',
        '--cluster-name=kubernetes',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      'kube-scheduler': [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
        '--profiling=false',
      ],
      etcd: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${etcdPeers}`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
    };
    const nodeObj = this.inv.nodes.find((n) => n.metadata.name === node)!;
    for (const [component, command] of Object.entries(commands)) {
      const hash = g.hex(32);
      const hostPaths: [string, string, string][] =
        component === 'etcd'
          ? [
              ['etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'],
              ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate'],
            ]
          : [
              ['k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'],
              ['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'],
              ['kubeconfig', `/etc/kubernetes/${component.replace('kube-', '')}.conf`, 'FileOrCreate'],
            ];
      const port = { 'kube-apiserver': 6443, 'kube-controller-manager': 10257, 'kube-scheduler': 10259, etcd: 2381 }[component]!;
      const probe = (path: string, failureThreshold: number): Json => ({
        failureThreshold,
        httpGet: { host: component === 'kube-apiserver' ? ip : '127.0.0.1', path, port, scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' },
        initialDelaySeconds: 10,
        periodSeconds: 10,
        successThreshold: 1,
        timeoutSeconds: 15,
      });
      const template: PodTemplate = {
        metadata: {
          labels: { component, tier: 'control-plane' },
          annotations: {
            'kubernetes.io/config.hash': hash,
            'kubernetes.io/config.mirror': hash,
            'kubernetes.io/config.seen': iso(3600),
            'kubernetes.io/config.source': 'file',
          },
        },
        spec: {
          containers: [
            {
              command,
              image: `registry.k8s.io/${component}:${component === 'etcd' ? '3.5.21-0' : 'v1.33.4'}`,
              imagePullPolicy: 'IfNotPresent',
              livenessProbe: probe('/livez', 8),
              name: component,
              resources: { requests: { cpu: component === 'kube-apiserver' ? '250m' : '100m' } },
              startupProbe: probe('/livez', 24),
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: hostPaths.map(([name, mountPath]) => ({ mountPath, name, readOnly: name !== 'etcd-data' })),
            },
          ],
          dnsPolicy: 'ClusterFirst',
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          terminationGracePeriodSeconds: 30,
          tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
          volumes: hostPaths.map(([name, path, type]) => ({ hostPath: { path, type }, name })),
        },
      };
      this.pod('kube-system', `${component}-${node}`, template, {}, ownerRef('v1', 'Node', nodeObj), node);
    }
  }
}

function ownerRef(apiVersion: string, kind: string, owner: KObject): OwnerReference & Json {
  return { apiVersion, blockOwnerDeletion: true, controller: true, kind, name: owner.metadata.name, uid: owner.metadata.uid };
}

function managedFields(g: Rng, manager: string, fields: string[]): Json[] {
  return [
    {
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { '.': {} }, 'f:ownerReferences': { '.': {}, [`k:{"uid":"${g.uuid()}"}`]: {} } } },
      manager: 'kube-controller-manager',
      operation: 'Update',
      time: iso(g.int(0, 60) * 86_400),
    },
    {
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: Object.fromEntries(
        fields.map((f) => [
          f,
          { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} } } },
        ]),
      ),
      manager,
      operation: 'Update',
      subresource: 'status',
      time: iso(g.int(0, 60) * 86_400),
    },
  ];
}

function pem(g: Rng, label: string, bytes: number): string {
  const body = g.base64(Math.ceil((bytes * 4) / 3));
  return `-----BEGIN ${label}-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

function kubeletConfig(node: string, g: Rng): KubeletConfigInfo {
  const weak = g.chance(0.1);
  return {
    node,
    config: {
      address: '0.0.0.0',
      authentication: {
        anonymous: { enabled: weak },
        webhook: { cacheTTL: '2m0s', enabled: true },
        x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
      },
      authorization: { mode: weak ? 'AlwaysAllow' : 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
      cgroupDriver: 'systemd',
      clusterDNS: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      containerLogMaxFiles: 5,
      containerLogMaxSize: '10Mi',
      containerRuntimeEndpoint: 'unix:///var/run/containerd/containerd.sock',
      cpuManagerPolicy: 'none',
      enableControllerAttachDetach: true,
      enableDebuggingHandlers: true,
      enableServer: true,
      enforceNodeAllocatable: ['pods'],
      eventBurst: 100,
      eventRecordQPS: 50,
      evictionHard: { 'imagefs.available': '15%', 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' },
      evictionPressureTransitionPeriod: '5m0s',
      failSwapOn: true,
      fileCheckFrequency: '20s',
      hairpinMode: 'promiscuous-bridge',
      healthzBindAddress: '127.0.0.1',
      healthzPort: 10248,
      httpCheckFrequency: '20s',
      imageGCHighThresholdPercent: 85,
      imageGCLowThresholdPercent: 80,
      imageMinimumGCAge: '2m0s',
      kubeAPIBurst: 100,
      kubeAPIQPS: 50,
      makeIPTablesUtilChains: true,
      maxOpenFiles: 1000000,
      maxPods: 110,
      nodeStatusUpdateFrequency: '10s',
      podPidsLimit: 4096,
      port: 10250,
      protectKernelDefaults: !weak,
      readOnlyPort: weak ? 10255 : 0,
      registryBurst: 10,
      registryPullQPS: 5,
      resolvConf: '/run/systemd/resolve/resolv.conf',
      rotateCertificates: true,
      runtimeRequestTimeout: '2m0s',
      serializeImagePulls: true,
      serverTLSBootstrap: true,
      shutdownGracePeriod: '30s',
      staticPodPath: '/etc/kubernetes/manifests',
      streamingConnectionIdleTimeout: '4h0m0s',
      syncFrequency: '1m0s',
      tlsCipherSuites: [
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
        'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      ],
      volumeStatsAggPeriod: '1m0s',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pod templates

function variantOf(g: Rng): Variant {
  const r = g.next();
  return { hardened: r < 0.7, limits: r < 0.85 || g.chance(0.5), netRaw: r >= 0.93 && r < 0.97, root: r >= 0.93, hostNetwork: r >= 0.985 };
}

function appTemplate(
  g: Rng,
  namespace: string,
  team: string,
  app: string,
  v: Variant,
  opts: { job?: boolean; sidecar?: boolean } = {},
): PodTemplate {
  const image = `registry.example.com/${team}/${app.replace(/-\d+$/, '')}:1.${g.int(0, 40)}.${g.int(0, 20)}`;
  const labels = {
    app,
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/part-of': team,
    'app.kubernetes.io/version': image.slice(image.lastIndexOf(':') + 1),
    team,
  };
  const probe = (path: string): Json => ({
    failureThreshold: 3,
    httpGet: { path, port: 'http', scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
  });
  const containerSecurity: Json | undefined = v.hardened
    ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true }
    : v.netRaw
      ? { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] }, runAsUser: 0 }
      : undefined;
  const resources = v.limits
    ? {
        limits: { cpu: `${g.int(1, 4) * 250}m`, memory: `${g.int(1, 8) * 256}Mi` },
        requests: { cpu: `${g.int(1, 4) * 50}m`, memory: `${g.int(1, 4) * 128}Mi` },
      }
    : { requests: { cpu: `${g.int(1, 4) * 50}m`, memory: `${g.int(1, 4) * 128}Mi` } };
  const main: Container = {
    args: ['--config=/etc/app/config.yaml', `--log-level=${g.pick(['info', 'warn', 'debug'])}`],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'LOG_FORMAT', value: 'json' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring.svc.cluster.local:4317' },
      { name: 'DATABASE_URL', value: `postgres://${team}-db.${namespace}.svc:5432/${team}` },
      { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: `${app}-credentials` } } },
    ],
    image,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: probe('/healthz'),
    name: app,
    ports: [
      { containerPort: 8080, name: 'http', protocol: 'TCP' },
      { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
    ],
    readinessProbe: probe('/readyz'),
    resources,
    ...(containerSecurity ? { securityContext: containerSecurity } : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [
      { mountPath: '/etc/app', name: 'config', readOnly: true },
      { mountPath: '/tmp', name: 'tmp' },
    ],
  };
  const containers: Container[] = [main];
  if (opts.sidecar) {
    containers.push({
      args: ['--config-path', '/etc/envoy/envoy.yaml', '--log-level', 'warn'],
      image: 'docker.io/envoyproxy/envoy:v1.31.2',
      imagePullPolicy: 'IfNotPresent',
      name: 'envoy',
      ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }],
      resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 101 },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
  }
  return {
    metadata: { labels, annotations: { 'checksum/config': g.hex(64), 'prometheus.io/port': '9090', 'prometheus.io/scrape': 'true' } },
    spec: {
      ...(opts.job || !g.chance(0.3)
        ? {}
        : {
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 },
                ],
              },
            },
          }),
      containers,
      dnsPolicy: 'ClusterFirst',
      ...(v.hostNetwork ? { hostNetwork: true } : {}),
      restartPolicy: opts.job ? 'OnFailure' : 'Always',
      schedulerName: 'default-scheduler',
      securityContext: v.hardened
        ? { fsGroup: 10001, runAsGroup: 10001, runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } }
        : v.root
          ? { runAsUser: 0 }
          : {},
      serviceAccountName: app,
      terminationGracePeriodSeconds: 30,
      volumes: [
        { configMap: { defaultMode: 420, name: `${app}-config` }, name: 'config' },
        { emptyDir: {}, name: 'tmp' },
      ],
    },
  };
}

function systemDaemonTemplate(
  name: string,
  image: string,
  opts: { privileged?: boolean; hostPID?: boolean; hostPaths: [string, string][]; init?: boolean },
): PodTemplate {
  const mounts = opts.hostPaths.map(([volume, path]) => ({ mountPath: path, name: volume, readOnly: !opts.privileged }));
  const container = (n: string, args: string[]): Container => ({
    args,
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
    image,
    imagePullPolicy: 'IfNotPresent',
    name: n,
    resources: { requests: { cpu: '100m', memory: '64Mi' } },
    securityContext: opts.privileged ? { privileged: true } : { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65534 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: mounts,
  });
  return {
    metadata: { labels: { 'k8s-app': name, 'app.kubernetes.io/name': name } },
    spec: {
      containers: [container(name, [`--hostname-override=$(NODE_NAME)`, '--v=2'])],
      ...(opts.init ? { initContainers: [container('install-cni', ['/opt/cni/bin/install'])] } : {}),
      dnsPolicy: 'ClusterFirstWithHostNet',
      hostNetwork: true,
      ...(opts.hostPID ? { hostPID: true } : {}),
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'system-node-critical',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: name,
      terminationGracePeriodSeconds: 30,
      tolerations: [{ operator: 'Exists' }],
      volumes: opts.hostPaths.map(([volume, path]) => ({ hostPath: { path, type: '' }, name: volume })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The cluster

const RULES = {
  read: (resources: string[], groups = ['']): PolicyRule => ({ apiGroups: groups, resources, verbs: ['get', 'list', 'watch'] }),
  write: (resources: string[], groups = ['']): PolicyRule => ({
    apiGroups: groups,
    resources,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
};

const CONTROLLERS = [
  'attachdetach-controller',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'service-account-controller',
  'service-controller',
  'statefulset-controller',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
];
const BUILTIN_ROLES = [
  'cluster-admin',
  'admin',
  'edit',
  'view',
  'system:discovery',
  'system:basic-user',
  'system:public-info-viewer',
  'system:node',
  'system:node-proxier',
  'system:kube-scheduler',
  'system:kube-controller-manager',
  'system:kube-dns',
  'system:monitoring',
  'system:heapster',
  'system:kubelet-api-admin',
  'system:auth-delegator',
  'system:aggregate-to-admin',
  'system:aggregate-to-edit',
  'system:aggregate-to-view',
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
  'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
  'system:certificates.k8s.io:kubelet-serving-approver',
  'system:certificates.k8s.io:legacy-unknown-approver',
  'system:certificates.k8s.io:kube-apiserver-client-approver',
  'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
  'system:node-bootstrapper',
  'system:persistent-volume-provisioner',
  'system:volume-scheduler',
  'system:service-account-issuer-discovery',
  'system:node-problem-detector',
  'system:coredns',
  'kubeadm:get-nodes',
  'calico-node',
  'calico-kube-controllers',
  'ingress-nginx',
  'prometheus',
  'node-exporter',
  'kube-state-metrics',
];
const OPERATORS = [
  'cert-manager',
  'argocd',
  'external-dns',
  'velero',
  'kyverno',
  'gatekeeper',
  'istio',
  'keda',
  'external-secrets',
  'crossplane',
  'flux',
  'sealed-secrets',
  'vault',
  'linkerd',
  'tekton',
  'strimzi',
  'rook-ceph',
  'knative',
  'jaeger',
  'loki',
];
const OPERATOR_ROLES = [
  'controller',
  'webhook',
  'cainjector',
  'view',
  'edit',
  'admin',
  'reader',
  'manager',
  'leader-election',
  'metrics-reader',
  'aggregate-view',
  'aggregate-edit',
  'proxy',
];
const CLUSTER_ROLES = 300;
const CLUSTER_ROLE_BINDINGS = 200;

/**
 * The synthetic cluster kept the way every source keeps objects (through JSON, sanitizeObject,
 * compactObject): what `kaudit scan --snapshot` has in memory after reading the file.
 */
export function keptSyntheticInventory(opts: SyntheticOptions): Inventory {
  const built = syntheticInventory(opts);
  const inventory = { ...built } as Inventory;
  for (const key of RESOURCE_KEYS) {
    // One object at a time: at 150,000 pods a whole list is longer than V8's longest string.
    const kept: KObject[] = (built[key] as readonly KObject[]).map((o) =>
      compactObject(sanitizeObject(JSON.parse(JSON.stringify(o)) as KObject)),
    );
    (inventory as Record<typeof key, KObject[]>)[key] = kept;
    built[key] = [];
  }
  return inventory;
}

export function syntheticInventory(opts: SyntheticOptions): Inventory {
  const podTarget = opts.pods;
  const nodeCount = Math.max(CONTROL_PLANE_NODES + 1, opts.nodes ?? DEFAULT_NODES);
  const namespaceCount = Math.max(SYSTEM_NAMESPACES.length + 1, opts.namespaces ?? defaultNamespaces(podTarget));
  const b = new Builder(opts.seed ?? DEFAULT_SEED);
  const g = b.g;

  // Nodes and their kubelets.
  for (let i = 1; i <= nodeCount; i++)
    b.node(i <= CONTROL_PLANE_NODES ? `cp-${i}` : `worker-${String(i - CONTROL_PLANE_NODES).padStart(3, '0')}`, i <= CONTROL_PLANE_NODES);

  // System namespaces and what runs in them.
  for (const ns of SYSTEM_NAMESPACES) b.namespace(ns, ns.startsWith('kube-') ? {} : { 'pod-security.kubernetes.io/enforce': 'privileged' });
  b.service('default', 'kubernetes', {}, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
  for (let i = 0; i < CONTROL_PLANE_NODES; i++) b.staticPods(`cp-${i + 1}`, i);
  b.daemonSet(
    'kube-system',
    'kube-proxy',
    systemDaemonTemplate('kube-proxy', 'registry.k8s.io/kube-proxy:v1.33.4', {
      privileged: true,
      hostPaths: [
        ['kube-proxy', '/var/lib/kube-proxy'],
        ['xtables-lock', '/run/xtables.lock'],
        ['lib-modules', '/lib/modules'],
      ],
    }),
    true,
  );
  b.daemonSet(
    'kube-system',
    'calico-node',
    systemDaemonTemplate('calico-node', 'docker.io/calico/node:v3.29.3', {
      privileged: true,
      init: true,
      hostPaths: [
        ['cni-bin-dir', '/opt/cni/bin'],
        ['cni-net-dir', '/etc/cni/net.d'],
        ['var-run-calico', '/var/run/calico'],
        ['lib-modules', '/lib/modules'],
      ],
    }),
    true,
  );
  b.daemonSet(
    'monitoring',
    'node-exporter',
    systemDaemonTemplate('node-exporter', 'quay.io/prometheus/node-exporter:v1.9.1', {
      hostPID: true,
      hostPaths: [
        ['proc', '/host/proc'],
        ['sys', '/host/sys'],
        ['root', '/host/root'],
      ],
    }),
    false,
  );
  const hardened: Variant = { hardened: true, limits: true, netRaw: false, root: false, hostNetwork: false };
  b.deployment('kube-system', 'coredns', 2, appTemplate(g, 'kube-system', 'kube-dns', 'coredns', hardened), { system: true });
  b.deployment(
    'ingress-nginx',
    'ingress-nginx-controller',
    2,
    appTemplate(g, 'ingress-nginx', 'ingress-nginx', 'ingress-nginx-controller', hardened),
  );
  b.statefulSet('monitoring', 'prometheus', 1, appTemplate(g, 'monitoring', 'monitoring', 'prometheus', hardened));
  for (const sa of [...CONTROLLERS, 'coredns', 'kube-proxy', 'calico-node', 'calico-kube-controllers', 'bootstrap-signer', 'token-cleaner'])
    b.serviceAccount('kube-system', sa);
  for (const sa of ['node-exporter', 'prometheus', 'kube-state-metrics']) b.serviceAccount('monitoring', sa);
  b.serviceAccount('ingress-nginx', 'ingress-nginx-controller');
  for (const [name, data] of Object.entries<Record<string, string>>({
    'kubeadm-config': { ClusterConfiguration: 'apiServer: {}\napiVersion: kubeadm.k8s.io/v1beta4\nclusterName: kubernetes\n' },
    'kubelet-config': { kubelet: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n' },
    coredns: {
      Corefile:
        '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    cache 30\n}\n',
    },
    'kube-proxy': { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n' },
  }))
    b.configMap('kube-system', name, data);
  b.role('kube-system', 'extension-apiserver-authentication-reader', [
    { apiGroups: [''], resourceNames: ['extension-apiserver-authentication'], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  ]);
  b.role('kube-system', 'kubeadm:kubelet-config', [
    { apiGroups: [''], resourceNames: ['kubelet-config'], resources: ['configmaps'], verbs: ['get'] },
  ]);
  b.roleBinding('kube-system', 'kubeadm:kubelet-config', 'Role', 'kubeadm:kubelet-config', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:nodes' },
  ]);

  // Cluster-wide RBAC: built-ins, controllers, operators.
  const roleNames: string[] = [...BUILTIN_ROLES, ...CONTROLLERS.map((c) => `system:controller:${c}`)];
  for (let i = 0; roleNames.length < CLUSTER_ROLES; i++)
    roleNames.push(
      `${OPERATORS[i % OPERATORS.length]}-${OPERATOR_ROLES[Math.floor(i / OPERATORS.length) % OPERATOR_ROLES.length]}${i >= OPERATORS.length * OPERATOR_ROLES.length ? `-${i}` : ''}`,
    );
  for (const name of roleNames) {
    if (name === 'cluster-admin')
      b.clusterRole(name, [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ]);
    else if (/aggregate|^(admin|edit|view)$/.test(name))
      b.clusterRole(name, [RULES.read(['pods', 'services', 'configmaps'])], {
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${name.replace(/^.*-/, '')}`]: 'true' } }],
        },
      });
    else
      b.clusterRole(
        name,
        Array.from({ length: g.int(2, 7) }, () =>
          (g.chance(0.6) ? RULES.read : RULES.write)(
            [
              g.pick([
                'pods',
                'services',
                'endpoints',
                'configmaps',
                'secrets',
                'events',
                'nodes',
                'namespaces',
                'leases',
                'deployments',
                'customresourcedefinitions',
              ]),
            ],
            [g.pick(['', 'apps', 'coordination.k8s.io', 'apiextensions.k8s.io', 'batch'])],
          ),
        ),
      );
  }
  b.clusterRoleBinding('cluster-admin', 'cluster-admin', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' },
  ]);
  b.clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' },
  ]);
  b.clusterRoleBinding('ci-deployer-admin', 'cluster-admin', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]);
  b.clusterRoleBinding('legacy-dashboard', 'cluster-admin', [
    { kind: 'ServiceAccount', name: 'kubernetes-dashboard', namespace: 'kube-system' },
  ]);
  for (const name of roleNames.slice(4)) {
    if (b.inv.clusterRoleBindings.length >= CLUSTER_ROLE_BINDINGS) break;
    if (/aggregate/.test(name)) continue;
    const subject = name.startsWith('system:controller:')
      ? { kind: 'ServiceAccount', name: name.slice('system:controller:'.length), namespace: 'kube-system' }
      : name.startsWith('system:')
        ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }
        : { kind: 'ServiceAccount', name: name.replace(/-[a-z]+(-\d+)?$/, ''), namespace: name.replace(/-[a-z]+(-\d+)?$/, '') };
    b.clusterRoleBinding(name, name, [subject]);
  }

  // Admission webhooks.
  for (const [kind, names] of [
    [
      'validatingWebhookConfigurations',
      ['ingress-nginx-admission', 'gatekeeper-validating-webhook-configuration', 'kyverno-resource-validating-webhook-cfg'],
    ],
    ['mutatingWebhookConfigurations', ['kyverno-resource-mutating-webhook-cfg', 'istio-sidecar-injector']],
  ] as const) {
    for (const name of names) {
      b.inv[kind].push({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: kind === 'validatingWebhookConfigurations' ? 'ValidatingWebhookConfiguration' : 'MutatingWebhookConfiguration',
        metadata: b.meta(name, undefined, { generation: 2, labels: { 'app.kubernetes.io/name': name.split('-')[0] } }),
        webhooks: Array.from({ length: g.int(1, 3) }, (_, i) => ({
          admissionReviewVersions: ['v1'],
          clientConfig: {
            caBundle: b64(b.caPem),
            service: { name: `${name.split('-')[0]}-webhook`, namespace: name.split('-')[0], path: `/validate-${i}`, port: 443 },
          },
          failurePolicy: g.pick(['Fail', 'Ignore']),
          matchPolicy: 'Equivalent',
          name: `${i}.${name}.example.com`,
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] },
          objectSelector: {},
          rules: [
            { apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'deployments'], scope: '*' },
          ],
          sideEffects: 'None',
          timeoutSeconds: 10,
          ...(kind === 'mutatingWebhookConfigurations' ? { reinvocationPolicy: 'Never' } : {}),
        })),
      });
    }
  }

  // Application namespaces share the pods left over.
  const appNamespaces = namespaceCount - SYSTEM_NAMESPACES.length;
  let remaining = Math.max(0, podTarget - b.inv.pods.length);
  for (let i = 0; i < appNamespaces; i++) {
    const team = mustExist(TEAMS[i % TEAMS.length], 'a team');
    const ns = `${team}-${String(i).padStart(3, '0')}`;
    let quota = Math.floor(remaining / (appNamespaces - i));
    remaining -= quota;
    b.namespace(ns, {
      team,
      ...(i % 3 === 0 ? { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' } : {}),
    });
    b.role(ns, 'app-config-reader', [RULES.read(['configmaps', 'secrets'])]);
    b.role(ns, 'deployer', [RULES.write(['deployments', 'replicasets'], ['apps']), RULES.write(['services', 'configmaps'])]);
    b.roleBinding(ns, 'developers-edit', 'ClusterRole', 'edit', [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `team:${team}` },
    ]);
    b.roleBinding(ns, 'oncall-view', 'ClusterRole', 'view', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oncall' }]);
    b.roleBinding(ns, 'deployer', 'Role', 'deployer', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]);
    b.secret(ns, `sh.helm.release.v1.${ns}.v${g.int(1, 30)}`, 'helm.sh/release.v1', ['release'], {
      name: ns,
      owner: 'helm',
      status: 'deployed',
      version: String(g.int(1, 30)),
    });
    if (i % 10 !== 7) {
      const np = (name: string, spec: Json): KObject => ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: b.meta(name, ns, { generation: 1, labels: { 'app.kubernetes.io/managed-by': 'Helm' } }),
        spec,
      });
      b.inv.networkPolicies.push(np('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
      b.inv.networkPolicies.push(
        np('allow-same-namespace', { ingress: [{ from: [{ podSelector: {} }] }], podSelector: {}, policyTypes: ['Ingress'] }),
      );
      b.inv.networkPolicies.push(
        np('allow-ingress-and-monitoring', {
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                  podSelector: { matchLabels: { app: 'prometheus' } },
                },
              ],
              ports: [
                { port: 8080, protocol: 'TCP' },
                { port: 9090, protocol: 'TCP' },
              ],
            },
          ],
          podSelector: {},
          policyTypes: ['Ingress'],
        }),
      );
      b.inv.networkPolicies.push(
        np('allow-dns-egress', {
          egress: [
            {
              ports: [
                { port: 53, protocol: 'UDP' },
                { port: 53, protocol: 'TCP' },
              ],
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
            },
            { to: [{ podSelector: {} }] },
          ],
          podSelector: {},
          policyTypes: ['Egress'],
        }),
      );
    }
    const workload = (app: string): void => {
      b.serviceAccount(ns, app, g.chance(0.3) ? { automountServiceAccountToken: false } : {});
      b.configMap(
        ns,
        `${app}-config`,
        {
          'config.yaml': `server:\n  port: 8080\n  metricsPort: 9090\nlogging:\n  level: info\n  format: json\nupstreams:\n  - name: ${team}-db\n    url: postgres://${team}-db.${ns}.svc:5432\n  - name: cache\n    url: redis://redis.${ns}.svc:6379\nfeatures:\n  newCheckout: ${g.chance(0.5)}\n  asyncIndexing: ${g.chance(0.5)}\n`,
          LOG_LEVEL: 'info',
          REGION: 'eu-central',
        },
        { app },
      );
      b.secret(ns, `${app}-credentials`, 'Opaque', ['username', 'password', 'api-key'], { app });
      b.service(ns, app, { app }, [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics' },
      ]);
    };
    let n = 0;
    const appName = (): string => {
      const base = mustExist(APPS[(i + n) % APPS.length], 'an app name');
      const name = n >= APPS.length ? `${base}-${n}` : base;
      n++;
      return name;
    };
    if (i % 5 === 0 && quota >= 4) {
      const app = `${team}-db`;
      workload(app);
      b.service(ns, `${app}-headless`, { app }, [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }], {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
      });
      b.statefulSet(ns, app, 3, appTemplate(g, ns, team, app, variantOf(g)));
      quota -= 3;
    }
    if (i % 4 === 1 && quota >= 2) {
      const app = `${appName()}-cleanup`;
      b.serviceAccount(ns, app);
      b.cronJob(ns, app, appTemplate(g, ns, team, app, variantOf(g), { job: true }));
      quota -= 1;
    }
    let first = true;
    while (quota > 0) {
      const replicas = Math.min(quota, g.int(1, 6));
      const app = appName();
      workload(app);
      b.deployment(ns, app, replicas, appTemplate(g, ns, team, app, variantOf(g), { sidecar: g.chance(0.15) }), {
        lastApplied: g.chance(0.2),
      });
      if (first && i % 3 === 0) {
        b.inv.ingresses.push({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: b.meta(app, ns, {
            generation: 1,
            annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
          }),
          spec: {
            ingressClassName: 'nginx',
            rules: [
              {
                host: `${app}.${ns}.example.com`,
                http: { paths: [{ backend: { service: { name: app, port: { name: 'http' } } }, path: '/', pathType: 'Prefix' }] },
              },
            ],
            tls: [{ hosts: [`${app}.${ns}.example.com`], secretName: `${app}-tls` }],
          },
          status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
        });
        b.secret(ns, `${app}-tls`, 'kubernetes.io/tls', ['tls.crt', 'tls.key'], { 'controller.cert-manager.io/fao': 'true' });
      }
      first = false;
      quota -= replicas;
    }
  }
  return b.inv;
}

/** Object counts and mean JSON size per kind, for the README and for sanity. */
export function inventoryStats(inv: Inventory): Record<string, { count: number; meanBytes: number }> {
  const out: Record<string, { count: number; meanBytes: number }> = {};
  for (const key of RESOURCE_KEYS) {
    const items = inv[key];
    const bytes = items.reduce((sum, o) => sum + Buffer.byteLength(JSON.stringify(o)), 0);
    out[key] = { count: items.length, meanBytes: items.length ? Math.round(bytes / items.length) : 0 };
  }
  out.kubelets = {
    count: inv.kubelets.length,
    meanBytes: inv.kubelets.length ? Math.round(Buffer.byteLength(JSON.stringify(inv.kubelets)) / inv.kubelets.length) : 0,
  };
  return out;
}

if (isMain(import.meta.url)) {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['pods', 'namespaces', 'nodes', 'seed', 'out', 'stats']);
  const pods = intFlag(flags, 'pods', DEFAULT_PODS);
  const inv = syntheticInventory({
    pods,
    namespaces: flags.namespaces === undefined ? undefined : intFlag(flags, 'namespaces', 0),
    nodes: intFlag(flags, 'nodes', DEFAULT_NODES),
    seed: intFlag(flags, 'seed', DEFAULT_SEED, 0),
  });
  const out = stringFlag(flags, 'out');
  if (out) await writeSnapshot(out, inv);
  if (flags.stats || !out) process.stdout.write(JSON.stringify(inventoryStats(inv), null, 2) + '\n');
}
