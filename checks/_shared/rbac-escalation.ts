/**
 * The escalation graph: rights that lead to more rights, as an attacker holding one identity's
 * credentials would use them, and the shortest way from each identity to cluster-admin power.
 *
 * Nodes are identities (users, groups, service accounts), `cluster-admin`, and capability nodes
 * ("run a pod in namespace N", "exec into the pods of N", ...) that stand between a right and the
 * service accounts it reaches, so a cluster-wide right costs one edge, not one per account.
 * An edge that uses a granted right costs 1; edges that only follow from one (a capability to the
 * accounts it reaches, an identity to its implicit groups) cost 0. A 0-1 breadth-first search from
 * cluster-admin over the reversed edges gives every node its distance and next edge at once, so
 * each path is read off in O(length): linear in the graph, built once per Inventory.
 *
 * Edges (each with the binding and rule that grant it):
 * - every verb on every resource through a ClusterRoleBinding, or Group system:masters → cluster-admin;
 *   the same through a RoleBinding → everything in that namespace
 * - create pods or workload controllers, or update/patch workload controllers in N → run a pod as any
 *   service account of N
 * - create serviceaccounts/token in N → any account of N (only the resourceNames when restricted)
 * - get/list secrets in N → the accounts whose legacy token Secret lives there
 * - create/get pods/exec or pods/attach in N → the accounts of running pods of N with a mounted token
 * - get/create nodes/proxy (cluster-wide) → the kubelet API of every node → exec into any running pod
 * - bind on clusterroles + create clusterrolebindings (cluster-wide) → cluster-admin; bind +
 *   create rolebindings in N → everything in N
 * - escalate + update/patch on clusterroles through a ClusterRoleBinding → add any rule to the role
 *   that grants it → cluster-admin
 * - impersonate groups (all, or system:masters) → cluster-admin; impersonate users → those users;
 *   impersonate serviceaccounts → those accounts
 * - create CSRs + update certificatesigningrequests/approval + approve for the
 *   kubernetes.io/kube-apiserver-client signer → a client certificate for system:masters
 * - create/update/patch mutatingwebhookconfigurations → rewrite every object (any pod, any account)
 */
import { isServiceAccountToken, SA_NAME_ANNOTATION } from './secrets.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { type AccessRequest, matchRules, type RuleMatch } from './rbac-rules.js';
import { RBAC_KEYS, rbacIndex, type SubjectBinding } from './rbac-index.js';
import { describeMatch } from './rbac-wording.js';
import {
  groupIdentity,
  identityIndex,
  identityLabel,
  identityOf,
  identityOfBinding,
  implicitGroups,
  serviceAccountIdentity,
  type Identity,
} from './rbac-identities.js';
import { saKey, serviceAccountIndex, serviceAccountNameOf, tokenMount } from './service-accounts.js';
import { podLevelSubjects, POD_SPEC_KEYS } from './workloads.js';

/** What the graph reads: RBAC, the accounts and namespaces, legacy token Secrets, and what runs. */
export const ESCALATION_KEYS: readonly InventoryKey[] = [...RBAC_KEYS, 'serviceAccounts', 'namespaces', 'secrets', ...POD_SPEC_KEYS];

export const CLUSTER_ADMIN = 'cluster-admin';
const ALL = '*';

/** The kind of right an edge uses; checks rank workloads by it. */
export type RightKind =
  | 'admin'
  | 'masters'
  | 'namespace-admin'
  | 'run-pods'
  | 'tokens'
  | 'secrets'
  | 'exec'
  | 'nodes-proxy'
  | 'bind'
  | 'escalate'
  | 'impersonate'
  | 'csr'
  | 'webhook';

/** The binding, role and rule behind a right. */
export interface Evidence {
  sb: SubjectBinding;
  match: RuleMatch;
  requests: readonly AccessRequest[];
}

interface Edge {
  from: string;
  to: string;
  weight: 0 | 1;
  /** What the edge does, in words: "can create pods in namespace ci", "run a pod as". */
  action: string;
  right?: RightKind;
  /** Namespace the right applies in; '*' = cluster-wide. */
  scope?: string;
  evidence: Evidence[];
}

/** One step of a path: an identity uses a right (through a binding) and becomes another identity or cluster-admin. */
export interface Hop {
  from: Identity;
  /** Set when the right is the group's, which `from` is a member of. */
  asMember?: string;
  right: RightKind;
  /** "can get nodes/proxy cluster-wide". */
  action: string;
  /** "exec into a pod of Deployment legacy/old-app": how the next identity is reached, when not directly. */
  then?: string;
  /** The next identity, or cluster-admin. */
  to: Identity | typeof CLUSTER_ADMIN;
  evidence: Evidence[];
}

/** A direct right of an identity (its own or one of its groups'), as checks summarise it. */
export interface Power {
  right: RightKind;
  scope?: string;
  action: string;
  asMember?: string;
  evidence: Evidence[];
  /** Leads straight to cluster-admin. */
  admin: boolean;
}

export interface EscalationGraph {
  /** Identities named by bindings plus every known service account. */
  identities: Identity[];
  /** The shortest path from an identity to cluster-admin, or undefined when there is none. */
  pathFrom(id: Identity): Hop[] | undefined;
  /** Its direct rights that the graph knows (own and through its implicit groups). */
  powersOf(id: Identity): Power[];
}

const req = (verb: string, group: string, resource: string, extra: Partial<AccessRequest> = {}): AccessRequest => ({
  verb,
  group,
  resource,
  ...extra,
});
const WORKLOADS: [string, string][] = [
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const P = {
  admin: [req('*', '*', '*')],
  runPods: [req('create', '', 'pods'), ...WORKLOADS.flatMap(([g, r]) => ['create', 'update', 'patch'].map((v) => req(v, g, r)))],
  tokens: [req('create', '', 'serviceaccounts', { subresource: 'token' })],
  secrets: [req('get', '', 'secrets'), req('list', '', 'secrets'), req('watch', '', 'secrets')],
  exec: ['exec', 'attach'].flatMap((s) => ['create', 'get'].map((v) => req(v, '', 'pods', { subresource: s }))),
  nodesProxy: ['get', 'create'].map((v) => req(v, '', 'nodes', { subresource: 'proxy', clusterScoped: true })),
  bindClusterRoles: [req('bind', RBAC_GROUP, 'clusterroles', { name: CLUSTER_ADMIN, clusterScoped: true })],
  bindInNamespace: [
    req('bind', RBAC_GROUP, 'clusterroles', { name: 'admin' }),
    req('bind', RBAC_GROUP, 'clusterroles', { name: CLUSTER_ADMIN }),
  ],
  createClusterRoleBindings: ['create', 'update', 'patch'].map((v) => req(v, RBAC_GROUP, 'clusterrolebindings', { clusterScoped: true })),
  createRoleBindings: [req('create', RBAC_GROUP, 'rolebindings')],
  escalate: [req('escalate', RBAC_GROUP, 'clusterroles', { clusterScoped: true })],
  updateClusterRoles: ['update', 'patch'].map((v) => req(v, RBAC_GROUP, 'clusterroles', { clusterScoped: true })),
  impersonateMasters: [req('impersonate', '', 'groups', { name: 'system:masters', clusterScoped: true })],
  impersonateUsers: [req('impersonate', '', 'users', { clusterScoped: true })],
  impersonateSAs: [req('impersonate', '', 'serviceaccounts')],
  csrCreate: [req('create', 'certificates.k8s.io', 'certificatesigningrequests', { clusterScoped: true })],
  csrApprove: ['update', 'patch'].map((v) =>
    req(v, 'certificates.k8s.io', 'certificatesigningrequests', { subresource: 'approval', clusterScoped: true }),
  ),
  signerApprove: ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/*'].map((name) =>
    req('approve', 'certificates.k8s.io', 'signers', { name, clusterScoped: true }),
  ),
  webhooks: ['create', 'update', 'patch'].map((v) =>
    req(v, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', { clusterScoped: true }),
  ),
} satisfies Record<string, AccessRequest[]>;
type Probe = keyof typeof P;

const graphs = scanCache<object, { inputs: unknown[]; graph: EscalationGraph }>();

/**
 * The escalation graph of an Inventory, built once per scan: two checks and `rbac paths` share it. The
 * key is every collection the graph reads (ESCALATION_KEYS), so an inventory with other secrets, roles or
 * namespaces but the same pods never gets a stale graph.
 */
export function escalationGraph(inv: Inventory): EscalationGraph {
  const inputs = ESCALATION_KEYS.map((k) => inv[k]);
  const known = graphs.get(inv.pods);
  if (known && known.inputs.every((x, i) => x === inputs[i])) return known.graph;
  const graph = buildEscalationGraph(inv);
  graphs.set(inv.pods, { inputs, graph });
  return graph;
}

const scopeWords = (scope: string): string => (scope === ALL ? 'cluster-wide' : `in namespace ${scope}`);

export function buildEscalationGraph(inv: Inventory): EscalationGraph {
  const idx = rbacIndex(inv);
  const ids = identityIndex(idx);
  const edges = new Map<string, Edge[]>();
  const identities = new Map<string, Identity>(ids.byKey);
  const addEdge = (e: Edge): void => {
    const list = edges.get(e.from);
    if (list) list.push(e);
    else edges.set(e.from, [e]);
  };

  // The accounts each namespace has, the legacy token Secrets, and the running pods with a token.
  const accounts = new Map<string, Set<string>>();
  const addAccount = (ns: string, name: string): void => {
    let set = accounts.get(ns);
    if (!set) accounts.set(ns, (set = new Set()));
    if (set.has(name)) return;
    set.add(name);
    const id = serviceAccountIdentity(ns, name);
    if (!identities.has(id.key)) identities.set(id.key, id);
  };
  for (const ns of inv.namespaces) addAccount(ns.metadata.name, 'default');
  for (const sa of inv.serviceAccounts) if (sa.metadata.namespace) addAccount(sa.metadata.namespace, sa.metadata.name);
  for (const id of ids.identities) if (id.kind === 'ServiceAccount') addAccount(id.namespace!, id.name);

  const legacyTokens = new Map<string, { secret: string; account: string }[]>();
  for (const s of inv.secrets) {
    const account = s.metadata.annotations?.[SA_NAME_ANNOTATION];
    const ns = s.metadata.namespace;
    // Live Secrets are read metadata-only (no `type`): the account annotation marks a token too.
    if (!isServiceAccountToken(s) || !account || !ns) continue;
    const list = legacyTokens.get(ns);
    if (list) list.push({ secret: s.metadata.name, account });
    else legacyTokens.set(ns, [{ secret: s.metadata.name, account }]);
    addAccount(ns, account);
  }

  const saIndex = serviceAccountIndex(inv);
  const running = new Map<string, Map<string, string>>(); // namespace -> account -> first workload running it with a token
  for (const subject of podLevelSubjects(inv)) {
    const ns = subject.object.metadata.namespace;
    if (!ns || subject.podCount < 1) continue;
    const account = serviceAccountNameOf(subject.spec);
    if (!tokenMount(subject, saIndex.get(saKey(ns, account))).mounted) continue;
    addAccount(ns, account);
    let m = running.get(ns);
    if (!m) running.set(ns, (m = new Map<string, string>()));
    if (!m.has(account)) m.set(account, `${subject.object.kind} ${ns}/${subject.object.metadata.name}`);
  }
  const namespaces = [...new Set([...accounts.keys(), ...legacyTokens.keys(), ...running.keys()])].sort();

  // Capability nodes, made when first used: cap:<kind>:<namespace>, '*' fanning out to every namespace.
  const caps = new Set<string>();
  const capNode = (kind: 'pods' | 'tokens' | 'secrets' | 'exec' | 'nsadmin' | 'impersonate', ns: string): string => {
    const node = `cap:${kind}:${ns}`;
    if (caps.has(node)) return node;
    caps.add(node);
    if (ns === ALL) {
      for (const n of namespaces) addEdge({ from: node, to: capNode(kind, n), weight: 0, action: '', evidence: [] });
      return node;
    }
    const toAccount = (name: string, action: string): void =>
      addEdge({ from: node, to: serviceAccountIdentity(ns, name).key, weight: 0, action, evidence: [] });
    if (kind === 'pods' || kind === 'tokens')
      for (const name of accounts.get(ns) ?? []) toAccount(name, kind === 'pods' ? 'run a pod as it' : 'request a token for it');
    // The hop's own action already says "can impersonate it": the fan-out adds no words.
    if (kind === 'impersonate') for (const name of accounts.get(ns) ?? []) toAccount(name, '');
    if (kind === 'secrets')
      for (const t of legacyTokens.get(ns) ?? []) toAccount(t.account, `read its token from Secret ${ns}/${t.secret}`);
    if (kind === 'exec') for (const [name, workload] of running.get(ns) ?? []) toAccount(name, `exec into a pod of ${workload}`);
    if (kind === 'nsadmin')
      for (const k of ['pods', 'tokens', 'secrets', 'exec'] as const)
        addEdge({ from: node, to: capNode(k, ns), weight: 0, action: '', evidence: [] });
    return node;
  };

  // Unrestricted impersonation of users: one node with an edge to every user, shared by every binding that grants it.
  let anyUser: string | undefined;
  const anyUserNode = (): string => {
    if (anyUser) return anyUser;
    anyUser = 'cap:impersonate-users:*';
    for (const id of ids.identities) if (id.kind === 'User') addEdge({ from: anyUser, to: id.key, weight: 0, action: '', evidence: [] });
    return anyUser;
  };

  // What a probe matches is computed once per role (matchRules remembers it).
  const probe = (sb: SubjectBinding, p: Probe): readonly RuleMatch[] => matchRules(sb, P[p]);
  const evidenceOf = (sb: SubjectBinding, matches: readonly RuleMatch[]): Evidence[] =>
    matches.map((match) => ({ sb, match, requests: match.requests }));
  const scopeOf = (sb: SubjectBinding): string => sb.namespace ?? ALL;

  // Rights one binding grants by itself: edges from the identity it names.
  for (const sb of idx.subjectBindings) {
    const id = identityOfBinding(sb);
    if (!id) continue;
    const from = id.key;
    const scope = scopeOf(sb);
    const use = (p: Probe, fn: (matches: readonly RuleMatch[]) => void): void => {
      const m = probe(sb, p);
      if (m.length) fn(m);
    };
    // Every verb on every resource subsumes the single rights below: one edge says it all.
    const admin = probe(sb, 'admin').filter((x) => !x.restrictedTo);
    if (admin.length) {
      if (scope === ALL)
        addEdge({
          from,
          to: CLUSTER_ADMIN,
          weight: 1,
          right: 'admin',
          scope,
          action: 'holds every verb on every resource cluster-wide',
          evidence: evidenceOf(sb, admin),
        });
      else
        addEdge({
          from,
          to: capNode('nsadmin', scope),
          weight: 1,
          right: 'namespace-admin',
          scope,
          action: `holds every verb on every resource in namespace ${scope}`,
          evidence: evidenceOf(sb, admin),
        });
      continue;
    }
    use('runPods', (m) =>
      addEdge({
        from,
        to: capNode('pods', scope),
        weight: 1,
        right: 'run-pods',
        scope,
        action: `can create pods or workloads ${scopeWords(scope)}`,
        evidence: evidenceOf(sb, m),
      }),
    );
    use('tokens', (m) => {
      const evidence = evidenceOf(sb, m);
      const action = `can create service-account tokens ${scopeWords(scope)}`;
      if (m.some((x) => !x.restrictedTo))
        return addEdge({ from, to: capNode('tokens', scope), weight: 1, right: 'tokens', scope, action, evidence });
      const names = new Set(m.flatMap((x) => x.restrictedTo ?? []));
      for (const ns of scope === ALL ? namespaces : [scope])
        for (const name of names)
          if (accounts.get(ns)?.has(name))
            addEdge({
              from,
              to: serviceAccountIdentity(ns, name).key,
              weight: 1,
              right: 'tokens',
              scope,
              action: `can create a token for it (resourceNames) ${scopeWords(scope)}`,
              evidence,
            });
    });
    use('secrets', (m) => {
      const evidence = evidenceOf(sb, m);
      if (m.some((x) => !x.restrictedTo))
        return addEdge({
          from,
          to: capNode('secrets', scope),
          weight: 1,
          right: 'secrets',
          scope,
          action: `can read secrets ${scopeWords(scope)}`,
          evidence,
        });
      const names = new Set(m.flatMap((x) => x.restrictedTo ?? []));
      for (const ns of scope === ALL ? namespaces : [scope]) {
        for (const t of legacyTokens.get(ns) ?? [])
          if (names.has(t.secret))
            addEdge({
              from,
              to: serviceAccountIdentity(ns, t.account).key,
              weight: 1,
              right: 'secrets',
              scope,
              action: `can read Secret ${ns}/${t.secret}, the legacy token of`,
              evidence,
            });
      }
    });
    use('exec', (m) => {
      const unrestricted = m.filter((x) => !x.restrictedTo);
      if (unrestricted.length)
        addEdge({
          from,
          to: capNode('exec', scope),
          weight: 1,
          right: 'exec',
          scope,
          action: `can exec into pods ${scopeWords(scope)}`,
          evidence: evidenceOf(sb, unrestricted),
        });
    });
    use('nodesProxy', (m) =>
      addEdge({
        from,
        to: capNode('exec', ALL),
        weight: 1,
        right: 'nodes-proxy',
        scope,
        action: 'can reach every kubelet API through nodes/proxy (exec into any pod on the node)',
        evidence: evidenceOf(sb, m),
      }),
    );
    use('webhooks', (m) =>
      addEdge({
        from,
        to: CLUSTER_ADMIN,
        weight: 1,
        right: 'webhook',
        scope,
        action: 'can write MutatingWebhookConfigurations: every object passes through its webhook, which can rewrite any pod',
        evidence: evidenceOf(sb, m),
      }),
    );
    use('impersonateMasters', (m) =>
      addEdge({
        from,
        to: CLUSTER_ADMIN,
        weight: 1,
        right: 'impersonate',
        scope,
        action: 'can impersonate Group system:masters',
        evidence: evidenceOf(sb, m),
      }),
    );
    use('impersonateUsers', (m) => {
      const evidence = evidenceOf(sb, m);
      if (m.some((x) => !x.restrictedTo))
        return addEdge({ from, to: anyUserNode(), weight: 1, right: 'impersonate', scope, action: 'can impersonate it', evidence });
      const names = new Set(m.flatMap((x) => x.restrictedTo ?? []));
      for (const id2 of ids.identities)
        if (id2.kind === 'User' && names.has(id2.name))
          addEdge({ from, to: id2.key, weight: 1, right: 'impersonate', scope, action: 'can impersonate it', evidence });
    });
    use('impersonateSAs', (m) => {
      const evidence = evidenceOf(sb, m);
      // Unrestricted: one edge to the namespace's (or every namespace's) impersonation node, not one per account.
      if (m.some((x) => !x.restrictedTo))
        return addEdge({
          from,
          to: capNode('impersonate', scope),
          weight: 1,
          right: 'impersonate',
          scope,
          action: 'can impersonate it',
          evidence,
        });
      const names = new Set(m.flatMap((x) => x.restrictedTo ?? []));
      for (const ns of scope === ALL ? namespaces : [scope]) {
        for (const name of accounts.get(ns) ?? [])
          if (names.has(name))
            addEdge({
              from,
              to: serviceAccountIdentity(ns, name).key,
              weight: 1,
              right: 'impersonate',
              scope,
              action: 'can impersonate it',
              evidence,
            });
      }
    });
  }

  // Group system:masters is authorised before RBAC is consulted.
  const masters = groupIdentity('system:masters');
  identities.set(masters.key, masters);
  addEdge({
    from: masters.key,
    to: CLUSTER_ADMIN,
    weight: 1,
    right: 'masters',
    scope: ALL,
    action: 'is in system:masters, which the API server authorises before RBAC',
    evidence: [],
  });

  // Rights that need two or three grants together, possibly from different bindings (own or a group's).
  const COMPOUND: Probe[] = [
    'bindClusterRoles',
    'createClusterRoleBindings',
    'escalate',
    'updateClusterRoles',
    'csrCreate',
    'csrApprove',
    'signerApprove',
    'bindInNamespace',
    'createRoleBindings',
  ];
  const compound = new Set(idx.subjectBindings.filter((sb) => COMPOUND.some((p) => probe(sb, p).length)));
  const withCompound = new Set([...compound].map((sb) => identityOfBinding(sb)?.key));
  for (const id of identities.values()) {
    // Membership: a group's rights are its members'.
    for (const g of implicitGroups(id))
      if (ids.byKey.has(`Group/${g}`)) addEdge({ from: id.key, to: `Group/${g}`, weight: 0, action: `member of Group ${g}`, evidence: [] });
    // Only the bindings that grant a part of a compound right matter here (few: most grant none).
    if (!withCompound.has(id.key) && !implicitGroups(id).some((g) => withCompound.has(`Group/${g}`))) continue;
    const bindings = ids.effectiveBindings(id).filter((sb) => compound.has(sb));
    const all = (p: Probe, onlyCluster = false): Evidence[] =>
      bindings.filter((sb) => !onlyCluster || sb.namespace === undefined).flatMap((sb) => evidenceOf(sb, probe(sb, p)));
    const bind = all('bindClusterRoles', true);
    const crbWrite = all('createClusterRoleBindings', true);
    if (bind.length && crbWrite.length)
      addEdge({
        from: id.key,
        to: CLUSTER_ADMIN,
        weight: 1,
        right: 'bind',
        scope: ALL,
        action: 'can bind ClusterRole cluster-admin (bind) and write ClusterRoleBindings',
        evidence: [...bind, ...crbWrite],
      });
    const escalate = all('escalate', true);
    const updateCr = all('updateClusterRoles', true);
    if (escalate.length && updateCr.length)
      addEdge({
        from: id.key,
        to: CLUSTER_ADMIN,
        weight: 1,
        right: 'escalate',
        scope: ALL,
        action: 'can add any rule (escalate) to a ClusterRole bound to it (update)',
        evidence: [...escalate, ...updateCr],
      });
    const csr = [all('csrCreate', true), all('csrApprove', true), all('signerApprove', true)];
    if (csr.every((e) => e.length))
      addEdge({
        from: id.key,
        to: CLUSTER_ADMIN,
        weight: 1,
        right: 'csr',
        scope: ALL,
        action: 'can create and approve a CSR for the kube-apiserver-client signer: a client certificate for system:masters',
        evidence: csr.flat(),
      });
    // bind + create rolebindings in a namespace: any ClusterRole there, admin included.
    const byScope = (right: Probe): Map<string, Evidence[]> => {
      const map = new Map<string, Evidence[]>();
      for (const sb of bindings) {
        const found = evidenceOf(sb, probe(sb, right));
        if (!found.length) continue;
        const list = map.get(scopeOf(sb));
        if (list) list.push(...found);
        else map.set(scopeOf(sb), [...found]);
      }
      return map;
    };
    const nsBind = byScope('bindInNamespace');
    const nsWrite = byScope('createRoleBindings');
    for (const [bindScope, bindEv] of nsBind) {
      for (const [writeScope, writeEv] of nsWrite) {
        const scope = bindScope === ALL ? writeScope : writeScope === ALL || writeScope === bindScope ? bindScope : undefined;
        if (scope === undefined || (scope === ALL && bind.length && crbWrite.length)) continue;
        addEdge({
          from: id.key,
          to: capNode('nsadmin', scope),
          weight: 1,
          right: 'bind',
          scope,
          action: `can bind ClusterRole admin in RoleBindings ${scopeWords(scope)}`,
          evidence: [...bindEv, ...writeEv],
        });
      }
    }
  }

  // 0-1 BFS from cluster-admin over the reversed edges.
  const reverse = new Map<string, Edge[]>();
  for (const list of edges.values()) {
    for (const e of list) {
      const into = reverse.get(e.to);
      if (into) into.push(e);
      else reverse.set(e.to, [e]);
    }
  }
  const dist = new Map<string, number>([[CLUSTER_ADMIN, 0]]);
  const next = new Map<string, Edge>();
  // Two FIFO queues: nodes reached by a weight-0 edge (same distance) before those one hop further.
  // Ties go to the edge inserted first (pods before tokens, secrets and exec). A node re-queued with a
  // lower distance is simply processed again.
  const later: string[] = [CLUSTER_ADMIN];
  const now: string[] = [];
  let laterHead = 0;
  let nowHead = 0;
  while (nowHead < now.length || laterHead < later.length) {
    const node = nowHead < now.length ? now[nowHead++] : later[laterHead++];
    if (node === undefined) break;
    const d = dist.get(node)!;
    for (const e of reverse.get(node) ?? []) {
      const nd = d + e.weight;
      const old = dist.get(e.from);
      if (old !== undefined && old <= nd) continue;
      dist.set(e.from, nd);
      next.set(e.from, e);
      if (e.weight === 0) now.push(e.from);
      else later.push(e.from);
    }
  }

  // Only the rights (weight-1 edges) and the BFS answer are kept: the fan-out edges, probes and
  // per-namespace account sets are garbage once the graph is built (a separate scope, so the
  // closures below do not keep this function's context alive: 28 MiB at 50,000 pods).
  const rights = new Map<string, Edge[]>();
  for (const [from, list] of edges) {
    const kept = list.filter((e) => e.weight === 1);
    if (kept.length) rights.set(from, kept);
  }
  return graphQueries(identities, next, rights);
}

function graphQueries(identities: Map<string, Identity>, next: Map<string, Edge>, rights: Map<string, Edge[]>): EscalationGraph {
  const pathFrom = (start: Identity): Hop[] | undefined => {
    if (!next.has(start.key)) return undefined;
    const hops: Hop[] = [];
    let current: Identity = start;
    let asMember: string | undefined;
    let hop: Hop | undefined;
    let node = start.key;
    for (let guard = 0; node !== CLUSTER_ADMIN && guard < 10_000; guard++) {
      const e = next.get(node)!;
      if (e.weight === 1) {
        hop = { from: current, asMember, right: e.right!, action: e.action, to: CLUSTER_ADMIN, evidence: e.evidence };
        hops.push(hop);
        asMember = undefined;
      } else if (e.action.startsWith('member of')) {
        asMember = e.to.slice('Group/'.length);
      } else if (hop && e.action) {
        hop.then = e.action;
      }
      node = e.to;
      const reached = identities.get(node);
      if (hop && reached && !e.action.startsWith('member of') && node !== current.key) {
        hop.to = reached;
        current = reached;
      }
    }
    return hops;
  };

  const powersOf = (id: Identity): Power[] => {
    const from = [
      { key: id.key, asMember: undefined as string | undefined },
      ...implicitGroups(id).map((g) => ({ key: `Group/${g}`, asMember: g })),
    ];
    return from.flatMap(({ key, asMember }) =>
      (rights.get(key) ?? []).map((e) => ({
        right: e.right!,
        scope: e.scope,
        action: e.action,
        asMember,
        evidence: e.evidence,
        admin: e.to === CLUSTER_ADMIN,
      })),
    );
  };

  return { identities: [...identities.values()], pathFrom, powersOf };
}

/** `ClusterRoleBinding ci-deployer → ClusterRole ci-deployer: * on *.*` */
export function describeEvidence(e: Evidence): string {
  return `${e.sb.binding.kind} ${e.sb.binding.metadata.namespace ? `${e.sb.binding.metadata.namespace}/` : ''}${e.sb.binding.metadata.name} → ${describeMatch(e.sb, e.match, e.requests)}`;
}

/** The identity a CLI argument names: Kind/name, ServiceAccount/ns/name, ns/name is not accepted (ambiguous). */
export function parseIdentity(text: string): Identity | undefined {
  const [kind, ...rest] = text.split('/');
  const [namespace, name] = rest;
  if (kind === 'ServiceAccount' && rest.length === 2 && namespace !== undefined && name !== undefined)
    return identityOf(kind, name, namespace);
  if ((kind === 'User' || kind === 'Group') && rest.length >= 1) return identityOf(kind, rest.join('/'));
  return undefined;
}

/** The binding a hop's first evidence names, for findings (resource and /subjects/<i>). */
export const hopBinding = (hop: Hop): { binding: KObject; subjectIndex: number } | undefined =>
  hop.evidence[0] ? { binding: hop.evidence[0].sb.binding, subjectIndex: hop.evidence[0].sb.subjectIndex } : undefined;

const identityJson = (id: Identity) => ({ kind: id.kind, ...(id.namespace ? { namespace: id.namespace } : {}), name: id.name });

/** A path as JSON: one entry per hop, each with the bindings and rules that grant it. */
export function pathJson(hops: Hop[]) {
  return hops.map((h) => ({
    from: identityJson(h.from),
    ...(h.asMember ? { asMemberOf: h.asMember } : {}),
    right: h.right,
    action: h.action,
    ...(h.then ? { then: h.then } : {}),
    to: h.to === CLUSTER_ADMIN ? CLUSTER_ADMIN : identityJson(h.to),
    via: h.evidence.map(describeEvidence),
  }));
}

/** A hop in one line: `ServiceAccount monitoring/prometheus can get ... → exec into ... → ServiceAccount legacy/default`. */
export function hopText(h: Hop): string {
  const to = h.to === CLUSTER_ADMIN ? 'cluster-admin' : identityLabel(h.to);
  return `${identityLabel(h.from)}${h.asMember ? ` (as member of Group ${h.asMember})` : ''} ${h.action}${h.then ? `, ${h.then}` : ''} → ${to}`;
}

/** A path in one line: each step, then the bindings and rules that grant it. */
export const pathEvidence = (hops: Hop[]): string =>
  hops.map((h, i) => `${i + 1}. ${hopText(h)} [${h.evidence.map(describeEvidence).join('; ')}]`).join(' ');
