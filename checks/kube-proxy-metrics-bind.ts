import { defineCheck, notAssessed } from '../src/core/check.js';
import type { ConfigMap, Container, DaemonSet, KObject } from '../src/core/k8s.js';
import { listAt, textAt } from '../src/core/shape.js';
import { parseFlags } from '../src/core/command-flags.js';
import { isLoopback } from './_shared/component-flag-rules.js';

const FLAG = 'metrics-bind-address';
const DEFAULT = '127.0.0.1:10249';

/** One kube-proxy DaemonSet with its kube-proxy container, as read from the pod template. */
interface ProxySubject {
  object: DaemonSet;
  index: number;
  container: Container;
  flags: Record<string, string>;
}

const isKubeProxy = (d: DaemonSet): boolean =>
  d.metadata.namespace === 'kube-system' &&
  (d.metadata.name === 'kube-proxy' ||
    d.metadata.labels?.['k8s-app'] === 'kube-proxy' ||
    d.spec?.template?.metadata?.labels?.['k8s-app'] === 'kube-proxy');

function subjectOf(d: DaemonSet): ProxySubject | undefined {
  const containers: Container[] = d.spec?.template?.spec?.containers ?? [];
  let index = containers.findIndex((c) => c.name === 'kube-proxy');
  if (index < 0)
    index = containers.findIndex((c) => [...(c.command ?? []), ...(c.args ?? [])].some((w) => /(^|\/)kube-proxy$/.test(String(w))));
  if (index < 0) return undefined;
  const container = containers[index];
  if (!container) return undefined;
  return { object: d, index, container, flags: parseFlags([...(container.command ?? []), ...(container.args ?? [])]) };
}

/** The ConfigMap mounted where --config points, and the key holding the file. */
function configMapOf(s: ProxySubject): { name: string; key: string } | undefined {
  const file = s.flags.config;
  if (file === undefined) return undefined;
  const mount = (s.container.volumeMounts ?? []).find(
    (m: { mountPath?: string }) => m.mountPath && file.startsWith(m.mountPath.replace(/\/?$/, '/')),
  );
  const volume = (s.object.spec?.template?.spec?.volumes ?? []).find((v: { name: string }) => v.name === mount?.name);
  const name = textAt(volume, 'configMap', 'name');
  if (!name || !mount) return undefined;
  const relative = file.slice(mount.mountPath.replace(/\/?$/, '/').length);
  const item = listAt(volume, 'configMap', 'items').find((i) => textAt(i, 'path') === relative);
  return { name, key: textAt(item, 'key') ?? relative };
}

function configSource(s: ProxySubject): string {
  const cm = configMapOf(s);
  return cm ? `--config=${s.flags.config}, ConfigMap ${s.object.metadata.namespace}/${cm.name}` : `--config=${s.flags.config}`;
}

/** metricsBindAddress from the kept settings of the ConfigMap behind --config ('' or unset: the default). */
function fromConfigMap(s: ProxySubject, configMaps: ConfigMap[]): Judged | undefined {
  const ref = configMapOf(s);
  const cm = ref && configMaps.find((c) => c.metadata.namespace === s.object.metadata.namespace && c.metadata.name === ref.name);
  const settings = cm?.settings?.[ref!.key] as Record<string, unknown> | undefined;
  if (!cm || !settings) return undefined;
  const value = settings.metricsBindAddress;
  const address = typeof value === 'string' && value ? value : DEFAULT;
  return {
    object: cm,
    address,
    observed: `metricsBindAddress: ${JSON.stringify(value ?? null)} in ${ref!.key}`,
    path: `/data/${ref!.key}`,
  };
}

/** What is judged: the address kube-proxy serves metrics on, and where it was read. */
interface Judged {
  object: KObject;
  address: string;
  observed: string;
  path: string;
}

const fromFlags = (s: ProxySubject): Judged => ({
  object: s.object,
  address: s.flags[FLAG] ?? DEFAULT,
  observed: s.flags[FLAG] ? `--${FLAG}=${s.flags[FLAG]}` : `--${FLAG} unset`,
  path: flagPath(s),
});

/** JSON pointer of the word holding the flag, for evidence. */
function flagPath(s: ProxySubject): string {
  const base = `/spec/template/spec/containers/${s.index}`;
  for (const list of ['command', 'args'] as const) {
    const i = (s.container[list] ?? []).findIndex((w) => String(w) === `--${FLAG}` || String(w).startsWith(`--${FLAG}=`));
    if (i >= 0) return `${base}/${list}/${i}`;
  }
  return `${base}/command`;
}

export default defineCheck({
  meta: {
    id: 'kube-proxy-metrics-bind',
    title: 'kube-proxy serves metrics only on localhost',
    description:
      'kube-proxy runs on every node with host networking; its metrics endpoint (port 10249) has no authentication and also serves /configz and, with profiling on, /debug/pprof. Bound to a non-loopback address it is readable by every pod and host that can reach a node. Judged from the --metrics-bind-address argument of the kube-proxy DaemonSet in kube-system (default 127.0.0.1:10249): fails when it is not a loopback address. When kube-proxy reads a --config file (kubeadm, EKS: a ConfigMap), the flag is ignored and metricsBindAddress is judged from that ConfigMap (kaudit keeps this one setting of kube-system/kube-proxy and no other ConfigMap value); when that ConfigMap cannot be read, the check is not assessed.',
    severity: 'medium',
    requires: ['daemonSets', 'configMaps'],
    // kube-proxy's DaemonSet and ConfigMap are in kube-system, whatever is scanned.
    dataNamespaces: ['kube-system'],
    messages: { exposed: 'kube-proxy ({{kind}} {{name}}) serves metrics on {{address}}, not on localhost' },
    remediation:
      'Bind the metrics server to 127.0.0.1:10249: remove --metrics-bind-address or set it to a loopback address in the kube-proxy DaemonSet, or, with a config file, set metricsBindAddress: 127.0.0.1:10249 in the kube-system/kube-proxy ConfigMap (config.conf) and restart the DaemonSet (kubectl -n kube-system rollout restart daemonset kube-proxy). Scrape metrics through a node-local agent instead.',
    references: ['CIS Kubernetes Benchmark 4.3.1', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/'],
    example: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system, labels: {k8s-app: kube-proxy}}
spec:
  selector: {matchLabels: {k8s-app: kube-proxy}}
  template:
    metadata: {labels: {k8s-app: kube-proxy}}
    spec:
      hostNetwork: true
      containers:
      - name: kube-proxy
        image: registry.k8s.io/kube-proxy:v1.33.1
        command: [kube-proxy, --kubeconfig=/var/lib/kube-proxy/kubeconfig, --metrics-bind-address=0.0.0.0:10249]`,
  },
  select(inv) {
    const subjects = inv.daemonSets
      .filter(isKubeProxy)
      .map(subjectOf)
      .filter((s): s is ProxySubject => s !== undefined);
    if (!subjects.length)
      return notAssessed(
        'no kube-proxy DaemonSet in kube-system: kube-proxy is replaced by the CNI, or runs outside Kubernetes objects kaudit reads',
      );
    // --metrics-bind-address is ignored when kube-proxy reads a config file: then the file decides.
    const judged: Judged[] = [];
    for (const s of subjects) {
      if (!s.flags.config) judged.push(fromFlags(s));
      else {
        const fromFile = fromConfigMap(s, inv.configMaps);
        if (!fromFile)
          return notAssessed(
            `kube-proxy reads its settings from a file (${configSource(s)}) that kaudit could not read, so metricsBindAddress is unknown`,
          );
        judged.push(fromFile);
      }
    }
    return judged;
  },
  evaluate(j: Judged, ctx) {
    if (isLoopback(j.address)) return;
    ctx.report({
      messageId: 'exposed',
      path: j.path,
      observed: j.observed,
      expected: `a loopback address (default ${DEFAULT})`,
      data: { kind: j.object.kind, name: j.object.metadata.name, address: j.address },
    });
  },
});
