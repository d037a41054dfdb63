/**
 * A cluster with a distinct sentinel planted in every place a secret has been seen to hide: Secret
 * data, ConfigMap data, env literals, probe and hook headers and exec commands, shell strings,
 * credential flags in all their spellings, applied-copy annotations (kubectl's JSON, k3s's
 * gzip+base64), sensitive annotations, URL passwords (args, annotations, webhooks, volumes,
 * component flags, kubelet config), control-plane flags and kubelet configz headers.
 */
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import type { Container, KObject, PodSpec } from '../../src/core/k8s.js';

/** Every sentinel by place, and what must never appear in any output (sentinels and their encodings). */
export class Sentinels {
  readonly planted = new Map<string, string>();
  /** Extra needles: encoded forms (base64 Secret data, the gzip+base64 applied copy). */
  readonly encoded = new Map<string, string>();

  make(place: string): string {
    const value = `SENTINEL-${place}-7f3a`;
    if (this.planted.has(place)) throw new Error(`sentinel ${place} planted twice`);
    this.planted.set(place, value);
    return value;
  }

  encode(place: string, value: string): string {
    this.encoded.set(place, value);
    return value;
  }

  /** All needles: [name, text]. */
  needles(): [string, string][] {
    return [...this.planted, ...[...this.encoded].map(([k, v]): [string, string] => [`${k} (encoded)`, v])];
  }

  /** `where: needle` for every needle found in text. */
  leaksIn(where: string, text: string): string[] {
    return this.needles()
      .filter(([, v]) => text.includes(v))
      .map(([k]) => `${where}: ${k}`);
  }
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function annotations(s: Sentinels, at: string): Record<string, string> {
  const rioCopy = { apiVersion: 'v1', kind: 'Secret', data: { password: s.make(`${at}-rio-applied`) } };
  return {
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      stringData: { password: s.make(`${at}-last-applied`) },
    }),
    'objectset.rio.cattle.io/applied': s.encode(`${at}-rio-applied`, gzipSync(JSON.stringify(rioCopy)).toString('base64')),
    'example.com/api-token': s.make(`${at}-annotation-token`),
    'example.com/upstream': `https://bot:${s.make(`${at}-annotation-url`)}@git.example/repo.git`,
    team: 'payments',
  };
}

function container(s: Sentinels, at: string): Container {
  const exec = (command: string[]) => ({ exec: { command } });
  return {
    name: 'app',
    image: 'registry.example/app:1.0',
    command: ['sh', '-c', `migrate --password=${s.make(`${at}-shell-password`)} && exec app`],
    args: [
      '-c',
      `run --token ${s.make(`${at}-shell-token`)} && echo done`,
      `--api_key=${s.make(`${at}-api_key`)}`,
      `--pwd=${s.make(`${at}-pwd`)}`,
      `--access-key=${s.make(`${at}-access-key`)}`,
      '--client-secret',
      s.make(`${at}-client-secret`),
      `--db=postgres://app:${s.make(`${at}-args-url`)}@db:5432/app`,
      '--token-auth-file=/etc/tokens.csv',
    ],
    env: [
      { name: 'DB_PASSWORD', value: s.make(`${at}-env-literal`) },
      { name: 'DATABASE_URL', value: `postgres://app:${s.make(`${at}-env-url`)}@db/app` },
    ],
    livenessProbe: {
      httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'Authorization', value: `Bearer ${s.make(`${at}-probe-header`)}` }] },
    },
    readinessProbe: exec(['sh', '-c', `check --api-key=${s.make(`${at}-probe-exec`)}`]),
    startupProbe: exec(['pg_isready', '--password', s.make(`${at}-startup-exec`)]),
    lifecycle: {
      postStart: exec(['sh', '-c', `curl -H "Authorization: Bearer ${s.make(`${at}-hook-bearer`)}" http://localhost/ready`]),
      preStop: { httpGet: { path: '/stop', port: 8080, httpHeaders: [{ name: 'X-Token', value: s.make(`${at}-hook-header`) }] } },
    },
  };
}

/** Passwords under options whose meaning depends on the command (src/core/sanitize-args.ts, TOOLS). */
function toolsContainer(s: Sentinels, at: string): Container {
  const exec = (command: string[]) => ({ exec: { command } });
  return {
    name: 'tools',
    image: 'registry.example/tools:1.0',
    command: ['mysql', '-uroot', `-p${s.make(`${at}-mysql-p`)}`, '--password', s.make(`${at}-mysql-password`), 'shop'],
    args: [
      '-c',
      `curl -fsS -u admin:${s.make(`${at}-shell-curl-u`)} http://db && PGPASSWORD=${s.make(`${at}-shell-pgpassword`)} psql -h db && mysql -p'${s.make(`${at}-shell-mysql-p`)}' shop`,
    ],
    livenessProbe: exec(['curl', '--user', `probe:${s.make(`${at}-probe-curl-user`)}`, 'http://localhost:8080/health']),
    readinessProbe: exec([
      'sh',
      '-c',
      `curl --user=probe:${s.make(`${at}-probe-shell-curl-user`)} http://localhost/ready || mysqladmin ping -p${s.make(`${at}-probe-shell-mysql-p`)}`,
    ]),
    startupProbe: exec(['env', `PGPASSWORD=${s.make(`${at}-startup-pgpassword`)}`, 'pg_isready', '-h', 'db']),
    lifecycle: {
      postStart: exec([
        'sh',
        '-c',
        `curl -fsu admin:${s.make(`${at}-shell-curl-fsu`)} http://localhost/ && ldapwhoami -x -w ${s.make(`${at}-shell-ldap-w`)}`,
      ]),
      preStop: exec(['sqlcmd', '-U', 'sa', '-P', s.make(`${at}-sqlcmd-P`), '-Q', 'SELECT 1']),
    },
  };
}

function podSpec(s: Sentinels, at: string): PodSpec {
  return {
    containers: [container(s, at), toolsContainer(s, at)],
    volumes: [
      { name: 'share', flexVolume: { driver: 'example/smb', options: { source: `smb://u:${s.make(`${at}-volume-url`)}@nas/share` } } },
    ],
  };
}

export function leakyInventory(s: Sentinels): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-12-01T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  const ns = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  inv.namespaces.push(ns('kube-system'), ns('shop'));
  inv.nodes.push({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'cp1',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      annotations: { 'example.com/bmc': `https://admin:${s.make('node-annotation-url')}@bmc.example` },
    },
  });
  inv.pods.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'kube-apiserver-cp1',
      namespace: 'kube-system',
      labels: { component: 'kube-apiserver' },
      annotations: { 'kubernetes.io/config.source': 'file' },
    },
    spec: {
      nodeName: 'cp1',
      containers: [
        {
          name: 'kube-apiserver',
          image: 'registry.k8s.io/kube-apiserver:v1.33.4',
          command: [
            'kube-apiserver',
            `--oidc-client-secret=${s.make('cp-flag')}`,
            `--etcd-servers=https://root:${s.make('cp-etcd-url')}@127.0.0.1:2379`,
            '--token-auth-file=/etc/kubernetes/tokens.csv',
            '--anonymous-auth=false',
          ],
        },
      ],
    },
  });
  inv.pods.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-0', namespace: 'shop', annotations: annotations(s, 'pod') },
    spec: podSpec(s, 'pod'),
  });
  inv.deployments.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop', annotations: annotations(s, 'deployment') },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' }, annotations: annotations(s, 'template') }, spec: podSpec(s, 'template') },
    },
  });
  inv.cronJobs.push({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', namespace: 'shop' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: { spec: { ...podSpec(s, 'cronjob'), restartPolicy: 'OnFailure' } } } },
    },
  });
  inv.secrets.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop', annotations: annotations(s, 'secret') },
    type: 'Opaque',
    data: { password: s.encode('secret-data', b64(s.make('secret-data'))) },
    stringData: { token: s.make('secret-stringdata') },
  });
  inv.configMaps.push(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app', namespace: 'shop' },
      data: { 'app.conf': `password=${s.make('configmap-data')}` },
      binaryData: { blob: s.encode('configmap-binary', b64(s.make('configmap-binary'))) },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      data: {
        'config.conf': stringify({ metricsBindAddress: '127.0.0.1:10249', clientConnection: { kubeconfig: s.make('kube-proxy-config') } }),
      },
    },
  );
  // Credential-looking ConfigMap entries: judged at entry, only the verdict is kept (src/core/config-credentials.ts).
  inv.configMaps.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'creds', namespace: 'shop' },
    data: {
      DB_PASSWORD: s.make('configmap-named'),
      authorization: `Bearer ${s.make('configmap-bearer')}`,
      hook: `https://hooks.slack.com/services/${s.make('configmap-slack')}`,
      'application.properties': `server.port=8080\nspring.datasource.password=${s.make('configmap-file-line')}\n`,
      // A one-line value judged by its inner name (db.password) and value.
      'db.properties': `db.password=${s.make('configmap-one-line')}`,
      'tls.key': `-----BEGIN PRIVATE KEY-----\n${s.make('configmap-pem')}\n-----END PRIVATE KEY-----\n`,
    },
  });
  // A legacy service-account token Secret (its check reads metadata only).
  inv.secrets.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'ci-token',
      namespace: 'shop',
      creationTimestamp: '2020-01-01T00:00:00Z',
      annotations: { 'kubernetes.io/service-account.name': 'ci' },
    },
    type: 'kubernetes.io/service-account-token',
    data: { token: s.encode('sa-token-data', b64(s.make('sa-token-data'))) },
  });
  inv.services.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'api',
      namespace: 'shop',
      annotations: { 'example.com/probe': `http://u:${s.make('service-annotation-url')}@api/health` },
    },
    spec: { ports: [{ port: 80 }] },
  });
  inv.ingresses.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'api',
      namespace: 'shop',
      annotations: { 'nginx.ingress.kubernetes.io/auth-snippet': `proxy_set_header X-Key ${s.make('ingress-snippet')};` },
    },
    spec: { rules: [{ host: 'api.example' }] },
  });
  inv.validatingWebhookConfigurations.push({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'policy' },
    webhooks: [
      {
        name: 'policy.example.com',
        clientConfig: { url: `https://hook:${s.make('webhook-url')}@hooks.example/validate` },
        failurePolicy: 'Fail',
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
      },
    ],
  });
  inv.kubelets.push({
    node: 'cp1',
    config: {
      staticPodURL: `https://pods:${s.make('kubelet-url')}@config.example/pods`,
      staticPodURLHeader: { Authorization: [`Bearer ${s.make('kubelet-header')}`] },
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
      authorization: { mode: 'Webhook' },
      readOnlyPort: 0,
    },
  });
  // Optional kinds, served: what operators' objects may carry (ciphertext, inline provider values, parameters, CVE lists).
  inv.sealedSecrets.push({
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { encryptedData: { password: s.make('sealed-ciphertext') }, template: { data: { note: s.make('sealed-template-data') } } },
  });
  inv.secretStores.push({
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: { name: 'fake', namespace: 'shop' },
    spec: { provider: { fake: { data: [{ key: 'db', value: s.make('eso-fake-provider') }] } } },
  });
  inv.secretProviderClasses.push({
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'kv', namespace: 'shop' },
    spec: { provider: 'vault', parameters: { vaultAddress: 'https://vault.example:8200', clientSecret: s.make('csi-parameter') } },
  });
  inv.vulnerabilityReports.push({
    apiVersion: 'aquasecurity.github.io/v1alpha1',
    kind: 'VulnerabilityReport',
    metadata: { name: 'api', namespace: 'shop' },
    report: {
      summary: { criticalCount: 1, highCount: 0 },
      vulnerabilities: [{ vulnerabilityID: 'CVE-2026-0001', description: s.make('vulnerability-list') }],
    },
  } as KObject);
  inv.served = {
    sealedSecrets: 'bitnami.com/v1alpha1',
    secretStores: 'external-secrets.io/v1',
    secretProviderClasses: 'secrets-store.csi.x-k8s.io/v1',
    vulnerabilityReports: 'aquasecurity.github.io/v1alpha1',
  };
  return inv;
}

/** The same cluster as manifests (kubelet configurations as KubeletConfiguration documents). */
export function leakyManifests(inv: Inventory): string {
  const docs: unknown[] = [];
  for (const value of Object.values(inv))
    if (Array.isArray(value)) for (const o of value) if (o && typeof o === 'object' && 'kind' in o) docs.push(o);
  for (const k of inv.kubelets)
    docs.push({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', metadata: { name: k.node }, ...k.config });
  return docs.map((d) => stringify(d)).join('---\n');
}
