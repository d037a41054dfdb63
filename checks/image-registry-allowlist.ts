import { defineCheck, needsReview } from '../src/core/check.js';
import { listed } from './_shared/cluster.js';
import { parseImageRef } from './_shared/image-ref.js';
import { containerLabel, containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

/** 'registry.example.com' or 'registry.example.com/team' (a path prefix): the image's registry and repository must start with it. */
const allows = (entry: string, registry: string, repository: string): boolean => {
  const e = entry.replace(/\/+$/, '');
  const full = `${registry}/${repository}`;
  return registry === e || full === e || full.startsWith(`${e}/`);
};

export default defineCheck({
  meta: {
    id: 'image-registry-allowlist',
    title: 'Images come only from allowed registries',
    description:
      "Images from arbitrary registries bypass the scanning, signing and provenance controls of the trusted ones. Rule: with the option allowedRegistries (registry hosts, or host/path prefixes; Docker Hub is docker.io), a finding for each container whose image's registry and repository match none. Without the option nothing is judged: the control is manual and lists the registries in use.",
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: { outside: '{{container}} uses image {{image}} from {{registry}}, which is not an allowed registry' },
    remediation:
      'Mirror what you need into the allowed registries, change the image references, and enforce the list at admission (a Kyverno or Gatekeeper policy, or ValidatingAdmissionPolicy on spec.containers[*].image).',
    references: ['CIS Kubernetes Benchmark 5.5.1', 'NSA/CISA Kubernetes Hardening Guide: use trusted repositories'],
    options: {
      defaults: { allowedRegistries: [] },
      schema: {
        type: 'object',
        properties: { allowedRegistries: { type: 'array', items: { type: 'string', minLength: 1 } } },
        additionalProperties: false,
      },
    },
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: 'docker.io/someone/web:2.1'}`,
    exampleOptions: { allowedRegistries: ['registry.example.com'] },
  },
  select(inv, options) {
    const subjects = podSpecSubjects(inv);
    if (options.allowedRegistries.length) return subjects;
    const registries = new Map<string, number>();
    for (const s of subjects)
      for (const ref of containersOf(s)) {
        const image = parseImageRef(ref.container.image);
        if (image) registries.set(image.registry, (registries.get(image.registry) ?? 0) + 1);
      }
    return needsReview(
      `no allowedRegistries option set; registries in use: ${
        registries.size
          ? listed(
              [...registries].map(([r, n]) => `${r} (${n} container${n === 1 ? '' : 's'})`),
              20,
            )
          : 'none'
      }`,
    );
  },
  evaluate(subject: PodSpecSubject, ctx) {
    const allowed = ctx.options.allowedRegistries;
    for (const ref of containersOf(subject)) {
      const image = parseImageRef(ref.container.image);
      if (!image || allowed.some((e) => allows(e, image.registry, image.repository))) continue;
      ctx.report({
        messageId: 'outside',
        data: { container: containerLabel(ref), image: image.raw, registry: image.registry },
        path: `${ref.path}/image`,
        observed: `registry ${image.registry}`,
        expected: `one of ${allowed.join(', ')}`,
      });
    }
  },
});
