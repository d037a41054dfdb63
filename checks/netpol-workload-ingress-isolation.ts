import { isolationCheck } from './_shared/netpol-checks.js';

export default isolationCheck({
  id: 'netpol-workload-ingress-isolation',
  direction: 'ingress',
  severity: 'medium',
  title: 'Workloads are isolated for ingress by a NetworkPolicy',
  description:
    'A pod that no NetworkPolicy selects for ingress accepts connections from every pod of the cluster and from any address that can route to it. ' +
    'Judged on each workload pod template (and bare pod) with exact NetworkPolicy semantics: a policy of the same namespace whose podSelector matches the ' +
    'template labels (`{}` matches every pod; matchLabels and matchExpressions as the API server evaluates them) and whose policyTypes include Ingress ' +
    '(policyTypes defaults to Ingress, plus Egress when the policy has egress rules). A policy with egress rules only and policyTypes [Egress] does not isolate ingress. ' +
    'hostNetwork pods are skipped: NetworkPolicy does not apply to them.',
  remediation:
    'Add a default-deny ingress policy to the namespace (podSelector: {}, policyTypes: [Ingress]) and allow the flows each workload needs with policies that select it.',
  example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - {name: api, image: example.com/api:1.4}
# and no NetworkPolicy in shop selects app=api with Ingress in policyTypes`,
});
