/** A small live-test cluster: namespace legacy, whose default service account is bound to cluster-admin (CIS 5.1.1 fails). */
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';

export function legacyClusterInventory(): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } });
  inv.clusterRoleBindings.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'legacy-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'legacy' }],
  });
  return inv;
}
