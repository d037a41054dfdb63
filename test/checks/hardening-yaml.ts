/** YAML builders shared by the hardening checks' tests (kaudit-hardening). */

/** A Deployment whose template has the given containers (a YAML flow list) and extra template metadata. */
export const deployment = (
  namespace: string,
  name: string,
  containers = `[{name: ${name}, image: '${name}:1'}]`,
  templateMeta = '',
) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}${templateMeta}}
    spec:
      containers: ${containers}
---
`;

export const namespace = (name: string, meta = '') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}${meta}}\n---\n`;

export const nodes = (n: number) =>
  Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata: {name: n${i}}\n---\n`).join('');

export const daemonSet = (name: string, image: string, status = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: security}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: ${name}, image: '${image}'}]}
${status}
---
`;

/** A Validating or MutatingWebhookConfiguration named policy. */
export const webhookConfiguration = (kind: string, webhooks: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}
metadata: {name: policy}
webhooks:
${webhooks}---
`;

export const webhook = (name: string, resources: string, extra = '') => `- name: ${name}
  rules: [{apiGroups: ['*'], apiVersions: ['*'], operations: [CREATE], resources: [${resources}]}]
${extra}`;
