import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { kubeletSkewAllowed, minorOf } from './_shared/kubernetes-releases.js';

interface Subject {
  object: KObject;
  kubeletVersion: string;
  kubelet: number;
  apiserver: number;
  apiserverVersion: string;
}

export default defineCheck({
  meta: {
    id: 'node-kubelet-version-skew',
    title: 'Kubelets are within the supported version skew of the control plane',
    description:
      "The version skew policy allows a kubelet to be up to three minors older than kube-apiserver (two before 1.28) and never newer; outside it, behaviour is untested and the node usually also misses security fixes. Rule: each Node's status.nodeInfo.kubeletVersion (kept when nodes are read) against the minor of GET /version. Nodes that report no kubelet version (manifests) are not judged; with none at all the check is not assessed.",
    severity: 'medium',
    requires: ['version', 'nodes'],
    messages: {
      tooOld:
        'Node {{name}} runs kubelet {{kubeletVersion}}, {{behind}} minors behind kube-apiserver {{apiserverVersion}} (at most {{allowed}} allowed)',
      newer: 'Node {{name}} runs kubelet {{kubeletVersion}}, newer than kube-apiserver {{apiserverVersion}}',
    },
    remediation: 'Upgrade (or replace) the nodes whose kubelet lags, one minor at a time; upgrade the control plane before any kubelet.',
    references: ['https://kubernetes.io/releases/version-skew-policy/#kubelet'],
    example: `# kube-apiserver v1.30.14 (GET /version)
apiVersion: v1
kind: Node
metadata: {name: worker-old}
status: {nodeInfo: {kubeletVersion: v1.26.15}}`,
  },
  select(inv) {
    const apiserverVersion = inv.version?.gitVersion ?? '';
    const apiserver = inv.version?.major === '1' ? minorOf(`1.${inv.version.minor}`) : minorOf(apiserverVersion);
    if (apiserver === undefined) return notAssessed(`the server version could not be read (${apiserverVersion || 'none'})`);
    const subjects: Subject[] = [];
    for (const node of inv.nodes) {
      const kubeletVersion = (node.status?.nodeInfo as { kubeletVersion?: unknown } | undefined)?.kubeletVersion;
      const kubelet = typeof kubeletVersion === 'string' ? minorOf(kubeletVersion) : undefined;
      if (kubelet !== undefined)
        subjects.push({ object: node, kubeletVersion: kubeletVersion as string, kubelet, apiserver, apiserverVersion });
    }
    if (!subjects.length)
      return notAssessed(inv.nodes.length ? 'no node reports its kubelet version (status.nodeInfo)' : 'no nodes were found');
    return subjects;
  },
  evaluate(s: Subject, ctx) {
    const allowed = kubeletSkewAllowed(s.apiserver);
    const data = {
      name: s.object.metadata.name,
      kubeletVersion: s.kubeletVersion,
      apiserverVersion: s.apiserverVersion,
      behind: s.apiserver - s.kubelet,
      allowed,
    };
    const path = '/status/nodeInfo/kubeletVersion';
    const expected = `1.${Math.max(0, s.apiserver - allowed)} to 1.${s.apiserver}`;
    if (s.kubelet > s.apiserver) ctx.report({ messageId: 'newer', data, path, observed: s.kubeletVersion, expected });
    else if (s.apiserver - s.kubelet > allowed) ctx.report({ messageId: 'tooOld', data, path, observed: s.kubeletVersion, expected });
  },
});
