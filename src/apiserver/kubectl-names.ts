/**
 * What discovery tells kubectl beyond the resource table: the short names (`ns`, `po`, `deploy`) and
 * categories (`all`) of the real API server, so `kubectl get po` and `kubectl get all` resolve as
 * against a cluster. Values are Kubernetes' own (kubectl api-resources on v1.33); a kind without an
 * entry has none.
 */
interface KubectlNames {
  shortNames?: string[];
  categories?: string[];
}

/** By `group/plural` ('' for the core group). */
const NAMES: Record<string, KubectlNames> = {
  '/namespaces': { shortNames: ['ns'] },
  '/nodes': { shortNames: ['no'] },
  '/pods': { shortNames: ['po'], categories: ['all'] },
  '/serviceaccounts': { shortNames: ['sa'] },
  '/services': { shortNames: ['svc'], categories: ['all'] },
  '/configmaps': { shortNames: ['cm'] },
  '/persistentvolumeclaims': { shortNames: ['pvc'] },
  'apps/deployments': { shortNames: ['deploy'], categories: ['all'] },
  'apps/replicasets': { shortNames: ['rs'], categories: ['all'] },
  'apps/daemonsets': { shortNames: ['ds'], categories: ['all'] },
  'apps/statefulsets': { shortNames: ['sts'], categories: ['all'] },
  'batch/jobs': { categories: ['all'] },
  'batch/cronjobs': { shortNames: ['cj'], categories: ['all'] },
  'networking.k8s.io/networkpolicies': { shortNames: ['netpol'] },
  'networking.k8s.io/ingresses': { shortNames: ['ing'] },
  'admissionregistration.k8s.io/validatingwebhookconfigurations': { categories: ['api-extensions'] },
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': { categories: ['api-extensions'] },
};

/** The discovery fields to add to a resource entry (nothing when the kind has none). */
export function kubectlNames(group: string, plural: string): KubectlNames {
  return NAMES[`${group}/${plural}`] ?? {};
}
