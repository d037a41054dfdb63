import { defineCheck, notAssessed } from '../src/core/check.js';
import type { Container, KObject } from '../src/core/k8s.js';
import { parseFlags } from '../src/core/platform.js';
import { isLoopback } from './_shared/component-flags.js';

const FLAG = 'metrics-bind-address';
const DEFAULT = '127.0.0.1:10249';

/** One kube-proxy DaemonSet with its kube-proxy container, as read from the pod template. */
interface ProxySubject {
  object: KObject;
  index: number;
  container: Container;
  flags: Record<string, string>;
}

const isKubeProxy = (d: KObject): boolean =>
  d.metadata.namespace === 'kube-system' &&
  (d.metadata.name === 'kube-proxy' || d.metadata.labels?.['k8s-app'] === 'kube-proxy' || d.spec?.template?.metadata?.labels?.['k8s-app'] === 'kube-proxy');

function subjectOf(d: KObject): ProxySubject | undefined {
  const containers: Container[] = d.spec?.template?.spec?.containers ?? [];
  let index = containers.findIndex((c) => c.name === 'kube-proxy');
  if (index < 0) index = containers.findIndex((c) => [...(c.command ?? []), ...(c.args ?? [])].some((w) => /(^|\/)kube-proxy$/.test(String(w))));
  if (index < 0) return undefined;
  const container = containers[index];
  return { object: d, index, container, flags: parseFlags([...(container.command ?? []), ...(container.args ?? [])]) };
}

/** Where --config points, and the ConfigMap mounted there when there is one. */
function configSource(s: ProxySubject): string {
  const file = s.flags.config;
  const mount = (s.container.volumeMounts ?? []).find((m: { mountPath?: string }) => m.mountPath && file.startsWith(m.mountPath.replace(/\/?$/, '/')));
  const volume = (s.object.spec?.template?.spec?.volumes ?? []).find((v: { name: string }) => v.name === mount?.name);
  const cm = volume?.configMap?.name;
  return cm ? `--config=${file}, ConfigMap ${s.object.metadata.namespace}/${cm}` : `--config=${file}`;
}

/** JSON pointer of the word holding the flag, for evidence. */
function flagPath(s: ProxySubject): string {
  const base = `/spec/template/spec/containers/${s.index}`;
  for (const list of ['command', 'args'] as const) {
    const i = (s.container[list] ?? []).findIndex((w) => String(w) === `--${FLAG}` || String(w).startsWith(`--${FLAG}=`));
    if (i >= 0) return `${base}/${list}/${i}`;
  }
  return `${base}/command`;
}

const violates = (s: ProxySubject): boolean => !isLoopback(s.flags[FLAG] ?? DEFAULT);

export default defineCheck({
  meta: {
    id: 'kube-proxy-metrics-bind',
    title: 'kube-proxy serves metrics only on localhost',
    description:
      'kube-proxy runs on every node with host networking; its metrics endpoint (port 10249) has no authentication and also serves /configz and, with profiling on, /debug/pprof. Bound to a non-loopback address it is readable by every pod and host that can reach a node. Judged from the --metrics-bind-address argument of the kube-proxy DaemonSet in kube-system (default 127.0.0.1:10249): fails when it is not a loopback address. When kube-proxy reads a --config file (kubeadm, EKS: a ConfigMap), the flag is ignored and metricsBindAddress lives in the ConfigMap, whose values kaudit does not keep; the check is then not assessed.',
    severity: 'medium',
    requires: ['daemonSets'],
    messages: { exposed: 'kube-proxy DaemonSet {{name}} serves metrics on {{address}}, not on localhost' },
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
    const subjects = inv.daemonSets.filter(isKubeProxy).map(subjectOf).filter((s): s is ProxySubject => s !== undefined);
    if (!subjects.length) return notAssessed('no kube-proxy DaemonSet in kube-system: kube-proxy is replaced by the CNI, or runs outside Kubernetes objects kaudit reads');
    // --metrics-bind-address is ignored when kube-proxy reads a config file.
    const fromFile = subjects.filter((s) => s.flags.config);
    const judgeable = subjects.filter((s) => !s.flags.config);
    if (!fromFile.length || judgeable.some(violates)) return judgeable;
    return notAssessed(`kube-proxy reads its settings from a file (${configSource(fromFile[0])}) and kaudit keeps no ConfigMap values, so metricsBindAddress cannot be read`);
  },
  evaluate(s: ProxySubject, ctx) {
    if (!violates(s)) return;
    const address = s.flags[FLAG];
    ctx.report({
      messageId: 'exposed',
      path: flagPath(s),
      observed: `--${FLAG}=${address}`,
      expected: `a loopback address (default ${DEFAULT})`,
      data: { name: s.object.metadata.name, address },
    });
  },
});
