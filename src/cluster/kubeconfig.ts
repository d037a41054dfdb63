/**
 * Resolves which cluster to talk to, with kubectl's rules: --kubeconfig, else $KUBECONFIG (a
 * path list, merged, first definition of a name wins), else ~/.kube/config; or the in-cluster
 * service account (explicitly, or automatically when nothing else is configured).
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { readProblem, UsageError } from '../core/errors.js';
import { maskUrlUserinfo } from '../core/terminal-text.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ConnectionOptions {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  /** Test seam: a folder standing in for / when reading the service-account files. */
  inClusterRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Connection {
  kc: KubeConfig;
  contextName: string;
  server: string;
  /** The context's default namespace, if any. */
  namespace?: string;
  inCluster: boolean;
}

export function resolveConnection(opts: ConnectionOptions): Connection {
  const env = opts.env ?? process.env;
  const kc = new KubeConfig();
  const files = kubeconfigFiles(opts, env);
  const useInCluster = opts.inCluster || (files.length === 0 && inClusterAvailable(opts, env));
  if (useInCluster) {
    loadInCluster(kc, opts, env);
  } else if (files.length === 0) {
    throw new UsageError(
      `no kubeconfig: ${join(homedir(), '.kube', 'config')} does not exist and $KUBECONFIG is unset (use --kubeconfig, --in-cluster, --manifests or --snapshot)`,
    );
  } else {
    loadMerged(kc, files);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new UsageError(`context "${opts.context}" not found in kubeconfig ${files.join(delimiter)} (contexts: ${known})`);
    }
    kc.setCurrentContext(opts.context);
  }
  const contextName = kc.getCurrentContext();
  const ctx = kc.getContextObject(contextName);
  if (!contextName || !ctx) throw new UsageError(`kubeconfig ${files.join(delimiter)}: no current-context set (use --context)`);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server)
    throw new UsageError(
      `kubeconfig ${files.join(delimiter)}: context "${contextName}" names cluster "${ctx.cluster}", which is not defined or has no server`,
    );
  const user = kc.getCurrentUser();
  if (!user)
    throw new UsageError(`kubeconfig ${files.join(delimiter)}: context "${contextName}" names user "${ctx.user}", which is not defined`);
  const where = useInCluster ? '--in-cluster' : `kubeconfig ${files.join(delimiter)}`;
  // undici refuses such a URL on every request; it is a kubeconfig problem, and the password must not be echoed.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(cluster.server)) {
    throw new UsageError(
      `${where}: the server address ${maskUrlUserinfo(cluster.server)} carries credentials (user:password@host), which are not sent from a URL; put them in the kubeconfig user`,
    );
  }
  // A missing certificate or key is a kubeconfig problem (exit 2), found before any request is retried.
  const needed: [string | undefined, string][] = [
    [cluster.caFile, 'certificate-authority'],
    [user.certFile, 'client-certificate'],
    [user.keyFile, 'client-key'],
    [user.authProvider?.config?.tokenFile as string | undefined, 'token file'],
  ];
  for (const [file, role] of needed) {
    const problem = file ? fileProblem(file) : undefined;
    if (problem) throw new UsageError(`${where}: context "${contextName}": ${role} ${file}: ${problem}`);
  }
  return { kc, contextName, server: cluster.server, namespace: ctx.namespace, inCluster: useInCluster };
}

function kubeconfigFiles(opts: ConnectionOptions, env: NodeJS.ProcessEnv): string[] {
  if (opts.kubeconfig) {
    if (!existsSync(opts.kubeconfig)) throw new UsageError(`kubeconfig ${opts.kubeconfig}: no such file`);
    return [opts.kubeconfig];
  }
  if (opts.inCluster) return [];
  if (env.KUBECONFIG) {
    // kubectl ignores missing entries of the list, but an entirely missing list is an error.
    const listed = env.KUBECONFIG.split(delimiter).filter(Boolean);
    const present = listed.filter((f) => existsSync(f));
    if (listed.length && !present.length) throw new UsageError(`$KUBECONFIG ${env.KUBECONFIG}: none of its files exist`);
    return present;
  }
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

function loadMerged(kc: KubeConfig, files: string[]): void {
  const merged = {
    clusters: [] as KubeConfig['clusters'],
    users: [] as KubeConfig['users'],
    contexts: [] as KubeConfig['contexts'],
    currentContext: '',
  };
  for (const file of files) {
    const one = new KubeConfig();
    try {
      const text = readFileSync(file, 'utf8');
      if (!text.trim()) continue;
      one.loadFromString(text);
      one.makePathsAbsolute(join(file, '..'));
    } catch (err) {
      // client-node reads a user's token-file while loading: name that file, not an ENOENT.
      const e = err as NodeJS.ErrnoException;
      throw new UsageError(
        `kubeconfig ${file}: ${typeof e.path === 'string' && e.path !== file ? `${e.path}: ${readProblem(e)}` : maskUrlUserinfo(oneLine(err))}`,
      );
    }
    // kubectl merge rule: the first file to define a name wins, and the first current-context wins.
    for (const c of one.clusters ?? []) if (!merged.clusters.some((x) => x.name === c.name)) merged.clusters.push(c);
    for (const u of one.users ?? []) if (!merged.users.some((x) => x.name === u.name)) merged.users.push(u);
    for (const c of one.contexts ?? []) if (!merged.contexts.some((x) => x.name === c.name)) merged.contexts.push(c);
    if (!merged.currentContext && one.currentContext) merged.currentContext = one.currentContext;
  }
  kc.loadFromOptions(merged);
}

/** Why a file the credentials need cannot be read, or undefined. */
function fileProblem(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return 'is not a regular file';
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (err) {
    return readProblem(err);
  }
}

function inClusterAvailable(opts: ConnectionOptions, env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync(join(opts.inClusterRoot ?? '', SERVICE_ACCOUNT_DIR, 'token'));
}

function loadInCluster(kc: KubeConfig, opts: ConnectionOptions, env: NodeJS.ProcessEnv): void {
  const dir = join(opts.inClusterRoot ?? '', SERVICE_ACCOUNT_DIR);
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT)
    throw new UsageError('--in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (not running in a pod?)');
  for (const file of ['token', 'ca.crt']) {
    if (!existsSync(join(dir, file))) throw new UsageError(`--in-cluster: service-account file ${join(dir, file)} does not exist`);
  }
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  // client-node reads these two from process.env.
  process.env.KUBERNETES_SERVICE_HOST = env.KUBERNETES_SERVICE_HOST;
  process.env.KUBERNETES_SERVICE_PORT = env.KUBERNETES_SERVICE_PORT;
  try {
    kc.loadFromCluster(opts.inClusterRoot ?? '');
  } finally {
    restoreEnv('KUBERNETES_SERVICE_HOST', saved.host);
    restoreEnv('KUBERNETES_SERVICE_PORT', saved.port);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export const oneLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';

/** Every context name of the kubeconfig (merged as kubectl merges it), for `scan --all-contexts`. */
export function kubeconfigContexts(opts: Pick<ConnectionOptions, 'kubeconfig' | 'env'>): string[] {
  const env = opts.env ?? process.env;
  const files = kubeconfigFiles(opts, env);
  if (!files.length)
    throw new UsageError(
      `--all-contexts: no kubeconfig: ${join(homedir(), '.kube', 'config')} does not exist and $KUBECONFIG is unset (use --kubeconfig)`,
    );
  const kc = new KubeConfig();
  loadMerged(kc, files);
  const names = kc.getContexts().map((c) => c.name);
  if (!names.length) throw new UsageError(`--all-contexts: kubeconfig ${files.join(delimiter)} defines no context`);
  return names;
}
