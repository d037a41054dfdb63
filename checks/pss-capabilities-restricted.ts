import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-capabilities-restricted',
  control: 'capabilities_restricted',
  title: 'Containers drop all capabilities (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Capabilities". From policy v1.22 every container must drop ALL capabilities and may add back only NET_BIND_SERVICE. Before v1.22 the restricted policy applies the baseline capabilities rule (no capability beyond the runtime defaults), and so does this check. From v1.25 pods with spec.os.name: windows are exempt.',
  severity: 'high',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container and remove every capability from capabilities.add except NET_BIND_SERVICE.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities: {add: [CHOWN]}`,
});
