import { defineCheck } from '../src/core/check.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerWord } from './_shared/workloads.js';

const EXPECTED = 'the Secret mounted as a file (secret or projected volume)';

export default defineCheck({
  meta: {
    id: 'pod-secret-env',
    title: 'Secrets reach containers as files, not environment variables',
    description:
      'Environment variables leak: they are inherited by every child process, printed by crash handlers and debug endpoints, readable from /proc/<pid>/environ by any process of the same user, and they do not change when the Secret is rotated. A Secret mounted as a volume avoids all of that. ' +
      'Rule, per container, init container and ephemeral container: a finding for each env[].valueFrom.secretKeyRef (naming the Secret and key) and each envFrom[].secretRef (naming the Secret). Only names are reported, never a value.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      secretKeyRef:
        '{{containerType}} {{container}} of {{kind}} {{name}} reads key {{key}} of Secret {{secret}} into environment variable {{env}}',
      secretRef: '{{containerType}} {{container}} of {{kind}} {{name}} imports every key of Secret {{secret}} as environment variables',
    },
    remediation:
      'Mount the Secret as a volume (volumes[].secret, or a projected volume) with readOnly: true and have the application read the file; use items to mount only the keys it needs. Where a program only accepts environment variables, read the file in an entrypoint wrapper rather than in the pod spec.',
    references: ['CIS Kubernetes Benchmark 5.4.1', 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: shop}
spec:
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
      - name: billing
        image: example.com/billing:2.3
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: billing-db, key: password}}`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      const { container } = ref;
      const data = {
        containerType: containerWord(ref.type),
        container: container.name,
        kind: subject.object.kind,
        name: subject.object.metadata.name,
      };
      (Array.isArray(container.env) ? container.env : []).forEach((env, i) => {
        const secretRef = env?.valueFrom?.secretKeyRef;
        if (!secretRef) return;
        const secret = secretRef.name ?? '<unnamed>';
        const key = secretRef.key ?? '<unset>';
        ctx.report({
          messageId: 'secretKeyRef',
          path: `${ref.path}/env/${i}/valueFrom/secretKeyRef`,
          observed: `env ${env.name} from Secret ${secret} key ${key}`,
          expected: EXPECTED,
          data: { ...data, env: env.name, secret, key },
        });
      });
      (Array.isArray(container.envFrom) ? container.envFrom : []).forEach((source, i) => {
        if (!source?.secretRef) return;
        const secret = source.secretRef.name ?? '<unnamed>';
        ctx.report({
          messageId: 'secretRef',
          path: `${ref.path}/envFrom/${i}/secretRef`,
          observed: `envFrom Secret ${secret}${source.prefix ? ` (prefix ${source.prefix})` : ''}`,
          expected: EXPECTED,
          data: { ...data, secret },
        });
      });
    }
  },
});
