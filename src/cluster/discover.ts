/**
 * Which optional kinds (CRDs, API groups that may be off) the server serves, in one discovery pass:
 * GET /apis once, then GET /apis/{group}/{version} only for the group versions of wanted kinds that
 * /apis lists. A kind whose group or resource is not listed is not served (a fact, not a failure);
 * a discovery request that fails leaves its kinds unread (coverage), never "not served".
 * With `networkPolicies`, the same pass also names the network-policy kinds served that kaudit does
 * not evaluate (src/core/unevaluated-netpol.ts): the groups of its table when /apis lists them, and
 * resources named `*networkpolicies` in every group version fetched anyway. They are never listed.
 */
import type { ResourceKey, ResourceType } from '../core/resources.js';
import { atVersion, CONSTRAINTS_GROUP, CONSTRAINT_VERSIONS } from '../core/resources.js';
import { isRecord } from '../core/shape.js';
import {
  isUnevaluatedNetpol,
  noteUnevaluated,
  sortUnevaluated,
  UNEVALUATED_NETPOL_GROUPS,
  UNEVALUATED_NETPOL_TABLE,
  type UnevaluatedKind,
} from '../core/unevaluated-netpol.js';
import { HttpError, type KubeHttp } from './http.js';

export interface Discovered {
  /** Served kinds, at the version to read. */
  served: Map<ResourceKey, ResourceType>;
  /** Kinds whose discovery failed: their data is unread. */
  failed: Map<ResourceKey, HttpError>;
  /**
   * Gatekeeper constraints, when asked for: the group version served and its constraint kinds, or
   * the discovery error; undefined when the group is not served (no ConstraintTemplate, no Gatekeeper).
   */
  constraints?: { version: string; kinds: { kind: string; plural: string }[] } | HttpError;
  /** Served network-policy kinds kaudit does not evaluate (only with `networkPolicies`). */
  unevaluated: UnevaluatedKind[];
}

/**
 * Discovery answers are open to every authenticated user (system:discovery), so a successful one
 * says nothing about what the credentials may read: only failures are noted (a server gone away, or
 * refusing us, ends the scan); a scan whose every list was refused stays "no read succeeded".
 */
export interface DiscoveryBookkeeping {
  noteFailure(err: HttpError): void;
}

/** Groups and their versions from an APIGroupList; a malformed answer is a failed read. */
function groupVersions(body: unknown): Map<string, string[]> {
  if (!isRecord(body) || !Array.isArray(body.groups)) throw new HttpError('/apis', 200, 'BadResponse', 'the answer is not an APIGroupList');
  const groups = new Map<string, string[]>();
  for (const g of body.groups) {
    if (!isRecord(g) || typeof g.name !== 'string' || !Array.isArray(g.versions)) continue;
    groups.set(
      g.name,
      g.versions.flatMap((v) => (isRecord(v) && typeof v.version === 'string' ? [v.version] : [])),
    );
  }
  return groups;
}

/** The resources of an APIResourceList (subresources such as x/status left out). */
function resourceEntries(path: string, body: unknown): { plural: string; kind: string }[] {
  if (!isRecord(body) || !Array.isArray(body.resources))
    throw new HttpError(path, 200, 'BadResponse', 'the answer is not an APIResourceList');
  return body.resources.flatMap((r) =>
    isRecord(r) && typeof r.name === 'string' && !r.name.includes('/')
      ? [{ plural: r.name, kind: typeof r.kind === 'string' ? r.kind : r.name }]
      : [],
  );
}

type Entries = { plural: string; kind: string }[];

/**
 * `constraints`: also discover the kinds of constraints.gatekeeper.sh (one per ConstraintTemplate).
 * `networkPolicies`: also name the unevaluated network-policy kinds served.
 */
export async function discoverOptional(
  http: KubeHttp,
  wanted: readonly ResourceType[],
  book: DiscoveryBookkeeping,
  constraints = false,
  networkPolicies = false,
): Promise<Discovered> {
  const result: Discovered = { served: new Map(), failed: new Map(), unevaluated: [] };
  if (!wanted.length && !constraints && !networkPolicies) return result;
  const attempt = async <T>(path: string, parse: (body: unknown) => T): Promise<T | HttpError> => {
    try {
      return parse(await http.getJson<unknown>(path));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      book.noteFailure(err);
      return err;
    }
  };
  const groups = await attempt('/apis', groupVersions);
  if (groups instanceof HttpError) {
    for (const r of wanted) result.failed.set(r.key, groups);
    if (constraints) result.constraints = groups;
    return result;
  }
  if (constraints) {
    const version = CONSTRAINT_VERSIONS.find((v) => groups.get(CONSTRAINTS_GROUP)?.includes(v));
    if (version !== undefined) {
      const path = `/apis/${CONSTRAINTS_GROUP}/${version}`;
      const kinds = await attempt(path, (body) => resourceEntries(path, body));
      result.constraints = kinds instanceof HttpError ? kinds : { version, kinds };
    }
  }
  // One request per group version, shared by the kinds of that group.
  const lists = new Map<string, Promise<Entries | HttpError>>();
  const resourcesOf = (group: string, version: string): Promise<Entries | HttpError> => {
    const path = `/apis/${group}/${version}`;
    let list = lists.get(path);
    if (!list) lists.set(path, (list = attempt(path, (body) => resourceEntries(path, body))));
    return list;
  };
  await Promise.all(
    wanted.map(async (r) => {
      const listed = groups.get(r.group) ?? [];
      for (const version of [r.version, ...(r.altVersions ?? [])].filter((v) => listed.includes(v))) {
        const entries = await resourcesOf(r.group, version);
        if (entries instanceof HttpError) return void result.failed.set(r.key, entries);
        if (entries.some((e) => e.plural === r.plural)) return void result.served.set(r.key, atVersion(r, version));
      }
    }),
  );
  if (networkPolicies) {
    // Every listed version of the table's groups (a kind may live in an older one only).
    for (const [group, versions] of groups) if (UNEVALUATED_NETPOL_GROUPS.has(group)) for (const v of versions) void resourcesOf(group, v);
    const fetched = await Promise.all([...lists].map(async ([path, list]) => [path, await list] as const));
    for (const [path, entries] of fetched) {
      const [, , group = '', version = ''] = path.split('/');
      // Unreadable resource list of a provider's group /apis lists: its table kinds are named (never silently ignored).
      if (entries instanceof HttpError) {
        for (const t of UNEVALUATED_NETPOL_TABLE)
          if (t.group === group) noteUnevaluated(result.unevaluated, { group, version, resource: t.resource, kind: t.kind });
        continue;
      }
      for (const e of entries)
        if (isUnevaluatedNetpol(group, e.plural)) noteUnevaluated(result.unevaluated, { group, version, resource: e.plural, kind: e.kind });
    }
    sortUnevaluated(result.unevaluated);
  }
  return result;
}
