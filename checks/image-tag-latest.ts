import { defineCheck } from '../src/core/check.js';
import { parseImageRef } from './_shared/image-ref.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'image-tag-latest',
    title: 'Images are not referenced by the latest tag',
    description:
      'A reference with the tag latest, or with no tag at all (which the runtime resolves to latest), names whatever was pushed last. Two pods of the same ' +
      'workload can run different code, a rollback restores nothing, and an audit cannot tell which build is running. The reference is parsed as the ' +
      'runtime does: a registry port (registry:5000/app) is not a tag, and an image pinned by a digest (app@sha256:..., also app:latest@sha256:...) passes ' +
      'because the runtime pulls exactly that digest. Containers, init containers and ephemeral containers are judged.',
    severity: 'high',
    requires: POD_SPEC_KEYS,
    messages: {
      latestTag: '{{container}} uses image {{image}} with the tag latest',
      noTag: '{{container}} uses image {{image}} without a tag, which pulls latest',
    },
    remediation:
      'Reference an immutable version tag produced by the build (app:2.4.1, or a commit id), or better the digest (app@sha256:...); have CI write it into the ' +
      'manifests. Consider an admission policy that rejects latest and untagged images.',
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
      'Polaris tagNotSpecified',
      'Kubescape C-0075 (image pull policy on latest tag)',
    ],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx          # no tag: resolves to nginx:latest`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      const image = parseImageRef(ref.container.image);
      if (!image || image.digest) continue;
      const data = { container: containerLabel(ref), image: image.raw };
      const evidence = { path: `${ref.path}/image`, observed: `image: ${image.raw}`, expected: 'a version tag or a digest (@sha256:...)' };
      if (!image.tag) ctx.report({ messageId: 'noTag', data, ...evidence });
      else if (image.tag === 'latest') ctx.report({ messageId: 'latestTag', data, ...evidence });
    }
  },
});
