import { isolationCheck } from './_shared/netpol-checks.js';

export default isolationCheck({
  id: 'netpol-workload-egress-isolation',
  direction: 'egress',
  severity: 'info',
  title: 'Workloads are isolated for egress by a NetworkPolicy',
  description:
    'A pod that no NetworkPolicy selects for egress may connect anywhere: other namespaces, the cloud metadata endpoint, the internet. Informational by default: ' +
    'egress control is the second step after ingress. Judged with exact semantics: a policy of the same namespace whose podSelector matches the template labels ' +
    'and whose policyTypes include Egress (explicitly, or by default when it has egress rules). A policy with policyTypes [Ingress] only, or with no egress ' +
    'rules and no policyTypes, does not isolate egress. hostNetwork pods are skipped.',
  remediation:
    'Add a default-deny egress policy (podSelector: {}, policyTypes: [Egress]) that allows DNS, then allow the destinations each workload needs.',
  example: `apiVersion: batch/v1
kind: Job
metadata: {name: export, namespace: shop}
spec:
  template:
    metadata: {labels: {app: export}}
    spec:
      restartPolicy: Never
      containers:
      - {name: export, image: example.com/export:2.0}
# only an Ingress policy selects app=export: egress is open`,
});
