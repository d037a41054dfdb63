/** Manifests shared by the tests of the secret and ConfigMap checks. */

export const secret = (name: string, extra = '') =>
  `---\napiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: shop${extra}}\ndata: {password: aHVudGVyMg==}\n`;

export const cluster = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      imagePullSecrets: [{name: pull}]
      containers:
      - name: web
        image: example.com/web:1
        env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
        envFrom: [{secretRef: {name: env-bundle}}]
      volumes:
      - {name: tls, secret: {secretName: mounted}}
      - {name: p, projected: {sources: [{secret: {name: projected}}]}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: shop}
secrets: [{name: sa-listed}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {tls: [{hosts: [shop.example], secretName: shop-tls}], rules: []}
${['pull', 'db', 'env-bundle', 'mounted', 'projected', 'sa-listed', 'shop-tls'].map((n) => secret(n)).join('')}
${secret('sh.helm.release.v1.web.v3', ', labels: {owner: helm}')}
${secret('owned', ', ownerReferences: [{apiVersion: v1, kind: Foo, name: f}]')}
---
apiVersion: v1
kind: Secret
metadata: {name: ci-token, namespace: shop, annotations: {kubernetes.io/service-account.name: ci}, labels: {kubernetes.io/legacy-token-last-used: '2026-01-05'}}
type: kubernetes.io/service-account-token
`;

export const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: shop}\ndata:\n${data}`;

export const at = (date: string) => (inv: { source: { collectedAt: string } }) => (inv.source.collectedAt = date);
