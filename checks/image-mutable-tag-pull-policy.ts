import { defineCheck } from '../src/core/check.js';
import { parseImageRef } from './_shared/image-ref.js';
import { containerLabel, containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'image-mutable-tag-pull-policy',
    title: 'Images referenced by a mutable tag are pulled on every start',
    description:
      'A tag can be moved to another image; with imagePullPolicy IfNotPresent (the default for a tag other than latest) or Never, a node keeps running whatever it cached under that tag, which may be an older vulnerable image or, on a shared node, one another tenant pulled. Rule: a finding for each container whose image has a tag and no digest and whose imagePullPolicy (as written, or the default Kubernetes applies) is not Always. Digest-pinned images pass; latest and untagged images default to Always (image-tag-latest judges them).',
    severity: 'low',
    requires: POD_SPEC_KEYS,
    messages: { notAlways: '{{container}} runs the mutable tag {{image}} with imagePullPolicy {{policy}}' },
    remediation:
      'Pin images by digest (image@sha256:...), or set imagePullPolicy: Always (with the AlwaysPullImages admission plugin to enforce it cluster-wide).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy', 'CIS Kubernetes Benchmark 1.2.11'],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: 'registry.example.com/web:2.1', imagePullPolicy: IfNotPresent}`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      const image = parseImageRef(ref.container.image);
      if (!image || image.digest || !image.tag || image.tag === 'latest') continue;
      const written = ref.container.imagePullPolicy as string | undefined;
      const policy = written ?? 'IfNotPresent';
      if (policy === 'Always') continue;
      ctx.report({
        messageId: 'notAlways',
        data: { container: containerLabel(ref), image: image.raw, policy: written ? policy : `${policy} (default)` },
        path: `${ref.path}/imagePullPolicy`,
        observed: written ? `imagePullPolicy: ${policy}` : 'imagePullPolicy unset (IfNotPresent)',
        expected: 'imagePullPolicy: Always, or an image pinned by digest',
      });
    }
  },
});
