import { describe, expect, it } from '@jest/globals';
import { classifyLiteral, sanitizeObject, LAST_APPLIED } from '../../src/core/sanitize.js';
import { fieldAt, listAt } from '../../src/core/shape.js';

/** The first container of a pod spec. */
const container0 = (podSpec: unknown): unknown => listAt(podSpec, 'containers')[0];

/** A sanitized Pod with one container. */
const sanitizedPod = (container: Record<string, unknown>) =>
  sanitizeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', ...container }] } });

describe('classifyLiteral', () => {
  it.each([
    ['', 'empty'],
    ['info', 'plain'],
    ['changeme-not-real', 'plain'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'private-key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'jwt'],
    ['AKIAABCDEFGHIJKLMNOP', 'aws-access-key'],
    ['postgres://app:s3cr3t@db:5432/app', 'url-with-credentials'],
    ['postgres://app:$(DB_PASSWORD)@db:5432/app', 'env-reference'],
    ['postgres://app:s3cr3t@db/$(DB_NAME)', 'url-with-credentials'],
    ['$(DB_PASSWORD)', 'env-reference'],
    ['Zx81qLp0Rt7vWm2Ks9Qa', 'high-entropy'],
    ['a sentence with spaces that is long', 'plain'],
  ])('%j is %s', (value, shape) => {
    expect(classifyLiteral(value).shape).toBe(shape);
    expect(classifyLiteral(value).length).toBe(value.length);
  });
});

describe('sanitizeObject', () => {
  it('keeps key names and drops every value that could be a secret', () => {
    const cronJob = sanitizeObject({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', annotations: { [LAST_APPLIED]: '{"x":"secret-1"}' }, managedFields: [{}] },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'a',
                    env: [
                      { name: 'TOKEN', value: 'secret-2' },
                      { name: 'FROM', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
    });
    expect(cronJob.metadata).toEqual({ name: 'c', annotations: {} });
    expect(fieldAt(container0(fieldAt(cronJob.spec, 'jobTemplate', 'spec', 'template', 'spec')), 'env')).toEqual([
      { name: 'TOKEN', valueRedacted: { length: 8, shape: 'plain' } },
      { name: 'FROM', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
    ]);
    const secret = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'Opaque',
      data: { b: 'c2VjcmV0LTM=' },
      stringData: { a: 'secret-4' },
    });
    expect(secret).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', dataKeys: ['a', 'b'] });
    const cm = sanitizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'x.conf': 'secret-5' },
      binaryData: { bin: 'AAAA' },
    });
    expect(cm).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, dataKeys: ['bin', 'x.conf'] });
    expect(JSON.stringify([cronJob, secret, cm])).not.toMatch(/secret-\d|c2VjcmV0/);
  });

  it('keeps only allowlisted scalar settings of well-known ConfigMaps, also when a snapshot carries more', () => {
    const loaded = sanitizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      settings: {
        'config.conf': { metricsBindAddress: '0.0.0.0:10249', clientConnection: { kubeconfig: 'x' }, password: 'secret-6' },
        other: { a: 'secret-7' },
      },
    });
    expect(loaded.settings).toEqual({ 'config.conf': { metricsBindAddress: '0.0.0.0:10249' } });
    const elsewhere = sanitizeObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', namespace: 'shop' },
      settings: { 'config.conf': { metricsBindAddress: 'secret-8' } },
    });
    expect(elsewhere.settings).toBeUndefined();
  });

  it('redacts the values of credential-named flags in command and args, keeping paths, references and the flags', () => {
    const pod = sanitizedPod({
      command: [
        'app',
        '--db-password=secret-9',
        '--api-key',
        'secret-10',
        '--token-auth-file=/etc/tokens.csv',
        '--enable-bootstrap-token-auth=true',
        '--password=$(DB_PASSWORD)',
      ],
      args: [
        '--client-secret=secret-11',
        '--port=8080',
        '--secure-port=6443',
        '--use-service-account-credentials=True',
        '--enable-bootstrap-token-auth=1',
        '--token-ttl=24',
      ],
    });
    expect(fieldAt(container0(pod.spec), 'command')).toEqual([
      'app',
      '--db-password=<redacted>',
      '--api-key',
      '<redacted>',
      '--token-auth-file=/etc/tokens.csv',
      '--enable-bootstrap-token-auth=true',
      '--password=$(DB_PASSWORD)',
    ]);
    expect(fieldAt(container0(pod.spec), 'args')).toEqual([
      '--client-secret=<redacted>',
      '--port=8080',
      '--secure-port=6443',
      '--use-service-account-credentials=True',
      '--enable-bootstrap-token-auth=1',
      '--token-ttl=24',
    ]);
    expect(JSON.stringify(pod)).not.toMatch(/secret-\d/);
  });

  it('redacts probe headers, non-string env literals and sensitive annotations, at every metadata level', () => {
    const cronJob = sanitizeObject({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', annotations: { 'kapp.k14s.io/original': '{"secret-12":1}', team: 'payments' } },
      spec: {
        jobTemplate: {
          metadata: { annotations: { [LAST_APPLIED]: 'secret-13' } },
          spec: {
            template: {
              metadata: {
                annotations: {
                  'nginx.ingress.kubernetes.io/auth-snippet': 'secret-14',
                  'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default',
                },
              },
              spec: {
                containers: [
                  {
                    name: 'a',
                    env: [
                      { name: 'DB_PASSWORD', value: 12345678 },
                      { name: 'DEBUG', value: true },
                    ],
                    livenessProbe: {
                      httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'Authorization', value: 'Bearer secret-15' }] },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
    expect(cronJob.metadata.annotations).toEqual({ team: 'payments' });
    expect(fieldAt(cronJob.spec, 'jobTemplate', 'metadata', 'annotations')).toEqual({});
    const template = fieldAt(cronJob.spec, 'jobTemplate', 'spec', 'template');
    expect(fieldAt(template, 'metadata', 'annotations')).toEqual({
      'nginx.ingress.kubernetes.io/auth-snippet': '<redacted>',
      'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default',
    });
    expect(fieldAt(container0(fieldAt(template, 'spec')), 'env')).toEqual([
      { name: 'DB_PASSWORD', valueRedacted: { length: 8, shape: 'plain' } },
      { name: 'DEBUG', valueRedacted: { length: 4, shape: 'plain' } },
    ]);
    expect(fieldAt(container0(fieldAt(template, 'spec')), 'livenessProbe', 'httpGet', 'httpHeaders')).toEqual([
      { name: 'Authorization', value: '<redacted>' },
    ]);
    expect(JSON.stringify(cronJob)).not.toMatch(/secret-1\d|12345678/);
  });
});

describe('sanitizeObject: copies, exec commands and URLs', () => {
  it('drops applied copies (the documented list, gzip+base64 blobs, JSON objects) and URL passwords in annotations', () => {
    const pod = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p',
        annotations: {
          'objectset.rio.cattle.io/applied': 'H4sIAAAAAAAA/6pWKkktLlGyUlAqLU4tUqoFAAAA//8BAAD//w',
          'objectset.rio.cattle.io/id': 'helm-controller',
          'example.com/copy': 'H4sIAAAAAAAA/0pMSgYEAAD//w',
          'example.com/manifest': '{"apiVersion":"v1","kind":"Secret","data":{"a":"czE="}}',
          'example.com/upstream': 'https://bot:s2@git.example/repo.git',
          'example.com/json-setting': '{"replicas":2}',
          'kubernetes.io/config.source': 'file',
        },
      },
      spec: { containers: [{ name: 'a' }] },
    });
    expect(pod.metadata.annotations).toEqual({
      'objectset.rio.cattle.io/id': 'helm-controller',
      'example.com/upstream': 'https://bot:<redacted>@git.example/repo.git',
      'example.com/json-setting': '{"replicas":2}',
      'kubernetes.io/config.source': 'file',
    });
  });

  it('leaves annotations without anything to redact as the very same object', () => {
    const annotations = { 'kubernetes.io/config.source': 'file', team: 'payments', owner: 'team@example.com' };
    expect(
      sanitizeObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec: { containers: [] } }).metadata
        .annotations,
    ).toBe(annotations);
  });

  it('redacts probe and lifecycle exec commands like command lines', () => {
    const exec = (command: string[]) => ({ exec: { command } });
    const pod = sanitizedPod({
      livenessProbe: exec(['sh', '-c', 'redis-cli --pass s2 ping']),
      readinessProbe: exec(['pg_isready', '--password=s3']),
      startupProbe: exec(['check', '--api_key', 's4']),
      lifecycle: {
        postStart: exec(['sh', '-c', 'curl -H "Authorization: Bearer s5" http://x']),
        preStop: exec(['sh', '-c', 'drain --token=s6']),
      },
    });
    const c = container0(pod.spec);
    expect(fieldAt(c, 'livenessProbe', 'exec', 'command')).toEqual(['sh', '-c', 'redis-cli --pass <redacted> ping']);
    expect(fieldAt(c, 'readinessProbe', 'exec', 'command')).toEqual(['pg_isready', '--password=<redacted>']);
    expect(fieldAt(c, 'startupProbe', 'exec', 'command')).toEqual(['check', '--api_key', '<redacted>']);
    expect(fieldAt(c, 'lifecycle', 'postStart', 'exec', 'command')).toEqual([
      'sh',
      '-c',
      'curl -H "Authorization: Bearer <redacted>" http://x',
    ]);
    expect(fieldAt(c, 'lifecycle', 'preStop', 'exec', 'command')).toEqual(['sh', '-c', 'drain --token=<redacted>']);
  });

  it('redacts URL passwords in every string of webhook configurations and other small kinds, and in pod volumes', () => {
    const webhook = sanitizeObject({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'w' },
      webhooks: [{ name: 'w.example.com', clientConfig: { url: 'https://hook:s1@hooks.example/validate' }, failurePolicy: 'Fail' }],
    });
    expect(webhook.webhooks).toEqual([
      { name: 'w.example.com', clientConfig: { url: 'https://hook:<redacted>@hooks.example/validate' }, failurePolicy: 'Fail' },
    ]);
    const deployment = sanitizeObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a' }],
            volumes: [{ name: 'v', flexVolume: { driver: 'x', options: { source: 'smb://u:s2@nas/share' } } }],
          },
        },
      },
    });
    expect(fieldAt(listAt(deployment.spec, 'template', 'spec', 'volumes')[0], 'flexVolume', 'options', 'source')).toBe(
      'smb://u:<redacted>@nas/share',
    );
  });
});
