import { defineCheck } from '../src/core/check.js';
import { parseImageRef } from './_shared/image-ref.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'image-digest-pinned',
    title: 'Images are pinned by digest',
    description:
      'A tag is a movable pointer: whoever can push to the repository can make an existing tag serve different content, and every node that pulls it ' +
      'afterwards runs that content. Only a digest (@sha256:...) names the exact image that was built, scanned and approved. This is an informational ' +
      'practice: many teams rely on immutable tags in their registry instead. An image counts as pinned when its reference carries a well-formed digest ' +
      '(app@sha256:<64 hex>, with or without a tag; sha384, sha512 and blake3 digests by their lengths in lowercase hex, other algorithms by the OCI digest grammar); a malformed digest does not count. Containers, init containers and ephemeral containers are judged.',
    severity: 'info',
    requires: POD_SPEC_KEYS,
    messages: { notPinned: '{{container}} image {{image}} is not pinned by a digest' },
    remediation:
      'Have the pipeline resolve the tag it built to its digest and deploy name:tag@sha256:<digest> (the tag stays readable, the digest is what gets pulled); ' +
      'tools such as kustomize images, crane digest or a digest-resolving admission webhook do this. Or enforce immutable tags in the registry.',
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests',
      'SLSA and NIST SP 800-190 (image integrity)',
    ],
    example: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: registry.example.com/agent:1.8.0   # tag only, no @sha256 digest`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      const image = parseImageRef(ref.container.image);
      if (!image || image.digest) continue;
      ctx.report({
        messageId: 'notPinned',
        path: `${ref.path}/image`,
        data: { container: containerLabel(ref), image: image.raw },
        observed: image.malformedDigest !== undefined ? `image: ${image.raw} (malformed digest)` : `image: ${image.raw}`,
        expected: 'a reference with a digest (name[:tag]@sha256:<64 hex>)',
      });
    }
  },
});
