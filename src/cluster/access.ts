/**
 * Permission preflight: before (or instead of) a scan, asks the API server through
 * SelfSubjectAccessReviews whether the current credentials may read each kind the selected checks
 * need, so a locked-down account learns which controls would be not-assessed, and why.
 */
import pLimit from 'p-limit';
import type { InventoryKey } from '../core/inventory.js';
import { CONSTRAINTS_GROUP, RESOURCE_KEYS, resourceByKey, type ResourceKey } from '../core/resources.js';
import { ClusterError } from '../core/errors.js';
import { fatalError, HttpError, type KubeHttp } from './http.js';

export interface AccessNeed {
  key: InventoryKey;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}

export interface AccessAnswer extends AccessNeed {
  /** true/false, or undefined when the review itself could not be made. */
  allowed: boolean | undefined;
  error?: string;
}

/** The reads behind each Inventory key, as the collector makes them (cluster-wide lists). */
export function accessNeeds(keys: Iterable<InventoryKey>): AccessNeed[] {
  const needs: AccessNeed[] = [];
  for (const key of new Set(keys)) {
    if ((RESOURCE_KEYS as readonly string[]).includes(key)) {
      const r = resourceByKey(key as ResourceKey);
      needs.push({ key, verb: 'list', group: r.group, resource: r.plural });
    } else if (key === 'kubelets') {
      needs.push({ key, verb: 'get', group: '', resource: 'nodes', subresource: 'proxy' });
    } else if (key === 'controlPlane') {
      needs.push({ key, verb: 'list', group: '', resource: 'pods', namespace: 'kube-system' });
    } else if (key === 'gatekeeperConstraints') {
      // Every constraint kind (named by its ConstraintTemplate): list on the group's resources.
      needs.push({ key, verb: 'list', group: CONSTRAINTS_GROUP, resource: '*' });
    }
  }
  return needs;
}

/**
 * One access review per need. A server that cannot be asked at all (unreachable, TLS, 401, bad
 * kubeconfig) ends it with that error; so does one that answered no review: an answer that was not
 * given is never reported as "not allowed".
 */
export async function checkAccess(http: KubeHttp, needs: AccessNeed[], concurrency: number): Promise<AccessAnswer[]> {
  const limit = pLimit(Math.max(1, concurrency));
  let fatal: HttpError | undefined;
  const answers: AccessAnswer[] = await Promise.all(
    needs.map((need) =>
      limit(async () => {
        const attributes: Record<string, string> = { verb: need.verb, group: need.group, resource: need.resource };
        if (need.subresource) attributes.subresource = need.subresource;
        if (need.namespace) attributes.namespace = need.namespace;
        if (fatal) return { ...need, allowed: undefined, error: 'not asked' };
        try {
          return { ...need, allowed: await http.accessReview(attributes) };
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          if (fatalError(err)) fatal ??= err;
          return { ...need, allowed: undefined, error: `${err.status ?? err.reason} ${err.message}` };
        }
      }),
    ),
  );
  if (fatal) throw fatalError(fatal)!;
  const unanswered = answers.find((a) => a.allowed === undefined);
  if (answers.length && answers.every((a) => a.allowed === undefined))
    throw new ClusterError(`could not ask the API server: no access review was answered (first: ${unanswered!.error})`);
  return answers;
}
