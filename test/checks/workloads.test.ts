import { describe, expect, it } from '@jest/globals';
import { podSpecSubjects } from '../../checks/_shared/workloads.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const deployment = (image: string, privileged = false) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, uid: d1}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: ${image}, securityContext: {privileged: ${privileged}}}]
`;
const replicaSet = (name: string, image: string, privileged: boolean) => `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, namespace: shop, uid: ${name}, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, pod-template-hash: x}}
    spec:
      containers: [{name: web, image: ${image}, securityContext: {privileged: ${privileged}}}]
`;
const pod = (name: string, rs: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${rs}, uid: ${rs}, controller: true}]}
spec:
  containers: [{name: web, image: x}]
${extra}`;

const subjects = (...docs: string[]) =>
  podSpecSubjects(inventoryFromManifests([{ name: 'm', text: docs.join('---\n') }]).inventory).map(
    (s) =>
      `${s.object.kind}/${s.object.metadata.name} ${s.specPath} pods=${s.podCount} containers=${[...(s.spec.containers ?? []), ...(s.spec.ephemeralContainers ?? [])].map((c) => c.name).join(',')}`,
  );

describe('pod-spec subjects (owner attribution)', () => {
  it('judges pods of the current ReplicaSet through the Deployment, once', () => {
    expect(subjects(deployment('web:2'), replicaSet('web-new', 'web:2', false), pod('a', 'web-new'), pod('b', 'web-new'))).toEqual([
      'Deployment/web /spec/template/spec pods=2 containers=web',
    ]);
  });

  it('judges a ReplicaSet of a stuck rollout itself while it runs pods, and skips rollout history without pods', () => {
    expect(
      subjects(
        deployment('web:2'),
        replicaSet('web-new', 'web:2', false),
        replicaSet('web-old', 'web:1', true),
        replicaSet('web-older', 'web:0', true),
        pod('a', 'web-new'),
        pod('b', 'web-old'),
      ),
    ).toEqual(['Deployment/web /spec/template/spec pods=1 containers=web', 'ReplicaSet/web-old /spec/template/spec pods=1 containers=web']);
  });

  it('judges ephemeral containers on the pod, with the pod-level security context they inherit', () => {
    const debug = `  ephemeralContainers: [{name: debugger, image: busybox, securityContext: {privileged: true}}]\n  securityContext: {runAsNonRoot: true}\n  hostPID: true\n`;
    const all = podSpecSubjects(
      inventoryFromManifests([
        { name: 'm', text: [deployment('web:2'), replicaSet('web-new', 'web:2', false), pod('a', 'web-new', debug)].join('---\n') },
      ]).inventory,
    );
    expect(all.map((s) => `${s.object.kind}/${s.object.metadata.name}`)).toEqual(['Deployment/web', 'Pod/a']);
    // The pod-level fields judged with the template (hostPID) are not judged again on the pod.
    expect(all[1]!.spec).toEqual({
      containers: [],
      ephemeralContainers: [{ name: 'debugger', image: 'busybox', imagePullPolicy: 'Always', securityContext: { privileged: true } }],
      securityContext: { runAsNonRoot: true },
      os: undefined,
      hostUsers: undefined,
    });
  });
});
