import { defineCheck } from '../src/core/check.js';
import type { DaemonSet, KObject } from '../src/core/k8s.js';
import { clusterRef, listed } from './_shared/cluster.js';

/** Runtime security agents, by DaemonSet name or container image. */
const AGENTS: [string, RegExp][] = [
  ['Falco', /(^|\/)falco(:|$|-)|falcosecurity\//],
  ['Tetragon', /tetragon/],
  ['KubeArmor', /kubearmor/],
  ['Sysdig agent', /sysdig\/agent|(^|\/)sysdig-agent|sysdig\/shield|(^|\/)sysdig-shield/],
  ['NeuVector enforcer', /neuvector\/enforcer|(^|\/)neuvector-enforcer/],
  ['Aqua enforcer', /aquasec\/enforcer|(^|\/)aqua-enforcer|kube-enforcer/],
  ['Prisma Cloud Defender', /twistlock\/defender|(^|\/)twistlock-defender/],
  ['CrowdStrike Falcon sensor', /falcon-sensor|crowdstrike/],
  ['Datadog Workload Protection', /datadog\/agent.*system-probe|(^|\/)datadog-agent$/],
];

interface Subject {
  object?: KObject;
  agent?: string;
  nodes: number;
}

const namesOf = (ds: DaemonSet): string[] => [ds.metadata.name, ...(ds.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '')];

export default defineCheck({
  meta: {
    id: 'runtime-threat-detection',
    title: 'A runtime threat-detection agent runs on every node',
    description:
      "Admission control judges what is declared; a runtime agent sees what containers actually do (a shell in a container, a write under /etc, an unexpected outbound connection). Rule: a DaemonSet of a known agent (Falco, Tetragon, KubeArmor, Sysdig, NeuVector, Aqua, Prisma Cloud, CrowdStrike, Datadog) must exist; it fails when there is none, or when the agent is scheduled on fewer nodes than the cluster has (status.desiredNumberScheduled, e.g. taints it does not tolerate) or ready on fewer than scheduled (status.numberReady). An agent kaudit does not know is a false finding: waive it with the agent's name.",
    severity: 'high',
    requires: ['daemonSets', 'nodes'],
    // Falco, Tetragon... run their DaemonSets in a namespace of their own.
    dataNamespaces: 'all',
    judgesAbsence: ['daemonSets'],
    messages: {
      none: 'No runtime threat-detection agent runs in the cluster (no known agent DaemonSet among {{daemonSets}})',
      notEveryNode: '{{agent}} (DaemonSet {{name}}) is scheduled on {{desired}} of {{nodes}} nodes',
      notReady: '{{agent}} (DaemonSet {{name}}) is ready on {{ready}} of {{desired}} nodes it should run on',
    },
    remediation:
      'Deploy a runtime security agent (Falco, Tetragon, KubeArmor or a commercial one) as a DaemonSet that tolerates every taint, so control-plane and dedicated nodes are covered too, and route its alerts to someone on call.',
    references: ['NSA/CISA Kubernetes Hardening Guide: threat detection', 'https://falco.org/docs/'],
    example: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec: {containers: [{name: node-exporter, image: 'quay.io/prometheus/node-exporter:v1.8.2'}]}`,
  },
  select(inv) {
    const agents = inv.daemonSets.flatMap((ds) => {
      const agent = AGENTS.find(([, re]) => namesOf(ds).some((n) => re.test(n)))?.[0];
      return agent ? [{ object: ds, agent, nodes: inv.nodes.length }] : [];
    });
    return agents.length ? agents : [{ nodes: inv.nodes.length, daemonSets: inv.daemonSets } as Subject];
  },
  resourceOf: (s: Subject) =>
    s.object
      ? { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: s.object.metadata.namespace, name: s.object.metadata.name }
      : clusterRef(),
  evaluate(s: Subject & { daemonSets?: KObject[] }, ctx) {
    if (!s.object) {
      const names = listed((s.daemonSets ?? []).map((d) => d.metadata.name)) || 'none';
      ctx.report({
        messageId: 'none',
        data: { daemonSets: names },
        observed: `DaemonSets: ${names}`,
        expected: 'a runtime threat-detection agent DaemonSet',
      });
      return;
    }
    const status = (s.object.status ?? {}) as { desiredNumberScheduled?: number; numberReady?: number };
    const data = {
      agent: s.agent,
      name: s.object.metadata.name,
      nodes: s.nodes,
      desired: status.desiredNumberScheduled,
      ready: status.numberReady,
    };
    // Manifests carry no status: presence is all that can be judged there.
    if (typeof status.desiredNumberScheduled !== 'number') return;
    if (status.desiredNumberScheduled < s.nodes)
      ctx.report({
        messageId: 'notEveryNode',
        data,
        path: '/status/desiredNumberScheduled',
        observed: `${status.desiredNumberScheduled} of ${s.nodes} nodes`,
        expected: `all ${s.nodes} nodes (tolerate every taint)`,
      });
    else if (typeof status.numberReady === 'number' && status.numberReady < status.desiredNumberScheduled)
      ctx.report({
        messageId: 'notReady',
        data,
        path: '/status/numberReady',
        observed: `${status.numberReady} ready`,
        expected: `${status.desiredNumberScheduled} ready`,
      });
  },
});
