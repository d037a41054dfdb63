/**
 * Requests with the kubeconfig's credentials (client-node applies TLS, tokens, exec and auth
 * providers), returning raw JSON: typed client models would cost a deserialisation pass per object.
 * Retries 429 (honouring Retry-After), 5xx, timeouts and dropped connections with capped
 * exponential backoff; never retries what cannot get better (kubeconfig problems, TLS, refused,
 * 4xx, an answer that is not JSON). Every failure is an HttpError whose message is one line with no
 * credential in it: URL userinfo is masked and exec plugin output is never quoted.
 */
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch, type Dispatcher } from 'undici';
import { ClusterError, readProblem, UsageError, type KauditError } from '../core/errors.js';
import { maskUrlUserinfo } from '../core/terminal-text.js';

export interface HttpOptions {
  /** Per-request timeout in ms (0 = none). */
  timeoutMs: number;
  retries: number;
  /** First backoff step in ms; doubles per attempt, capped at 10 s, plus jitter. */
  backoffMs: number;
  debug?: (line: string) => void;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { timeoutMs: 30_000, retries: 5, backoffMs: 250 };

/** The largest answer read into memory. A page of 500 objects is a few MB; anything near this is not a list page. */
export const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

export interface RequestOptions {
  accept?: string;
  /** Epoch ms: no attempt runs past it and no retry starts after it (a list's deadline). */
  deadline?: number;
  /** The answer as text, not JSON (pods/log). */
  text?: boolean;
}

/**
 * A response that was not 2xx or not JSON (after retries), or no response at all (status null).
 * `reason` is the Status reason from the server, or kaudit's: Config (kubeconfig problem), Auth
 * (credential plugin failed), TLS, Refused, DNS, Timeout, Network, BadResponse.
 */
export class HttpError extends Error {
  constructor(
    readonly path: string,
    readonly status: number | null,
    readonly reason: string,
    message: string,
    /** From Retry-After, for the retry loop. */
    readonly retryAfterMs?: number,
  ) {
    super(maskUrlUserinfo((message.split('\n')[0] ?? '').trim()));
    this.name = 'HttpError';
  }
}

const RETRIABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRIABLE_NO_RESPONSE = new Set(['Timeout', 'Network']);
const AUTH_TTL_MS = 60_000;

const isRetriable = (err: HttpError): boolean =>
  err.status === null ? RETRIABLE_NO_RESPONSE.has(err.reason) : RETRIABLE_STATUS.has(err.status);

/**
 * The failures that end a command rather than one read: the kubeconfig is unusable (exit 2), the
 * credentials are refused or could not be made (exit 3), the server cannot be reached (exit 3).
 */
export function fatalError(err: HttpError): KauditError | undefined {
  if (err.reason === 'Config') return new UsageError(`kubeconfig: ${err.message}`);
  if (err.status === 401) return new ClusterError(`authentication failed: the API server answered 401 Unauthorized (${err.message})`);
  if (err.reason === 'Auth') return new ClusterError(`authentication failed: ${err.message}`);
  if (err.status === null && (err.reason === 'TLS' || err.reason === 'Refused' || err.reason === 'DNS'))
    return new ClusterError(`cannot reach the API server: ${err.message}`);
  return undefined;
}

export class KubeHttp {
  private auth?: { headers: Record<string, string>; dispatcher?: Dispatcher; at: number };
  requestCount = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly server: string,
    private readonly opts: HttpOptions = DEFAULT_HTTP_OPTIONS,
  ) {}

  /**
   * A SelfSubjectAccessReview (kaudit preflight), which asks the API server what the caller may do
   * and changes nothing; with the scan's one SelfSubjectReview, the only non-GET requests kaudit sends.
   * An answer without a boolean status.allowed is a BadResponse, never "not allowed".
   */
  async accessReview(attributes: Record<string, string>): Promise<boolean> {
    const path = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    const body = JSON.stringify({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attributes },
    });
    const answer = (await this.request('POST', path, body, {})) as { status?: { allowed?: unknown } } | null;
    const allowed = answer?.status?.allowed;
    if (typeof allowed !== 'boolean') throw new HttpError(path, 201, 'BadResponse', 'the access review answer has no status.allowed');
    return allowed;
  }

  /**
   * Who the credentials are, as the API server sees them: a SelfSubjectReview (`kubectl auth
   * whoami`), like an access review a question about oneself that changes nothing. Only the user
   * name and groups are kept (never uid or extra, which may name a credential). `version`: v1 from
   * Kubernetes 1.28, v1beta1 on 1.27.
   */
  async selfSubjectReview(version: 'v1' | 'v1beta1' = 'v1'): Promise<{ username: string; groups: string[] }> {
    const path = `/apis/authentication.k8s.io/${version}/selfsubjectreviews`;
    const body = JSON.stringify({ apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' });
    const answer = (await this.request('POST', path, body, {})) as {
      status?: { userInfo?: { username?: unknown; groups?: unknown } };
    } | null;
    const user = answer?.status?.userInfo;
    if (typeof user?.username !== 'string')
      throw new HttpError(path, 201, 'BadResponse', 'the SelfSubjectReview answer has no status.userInfo.username');
    const groups = Array.isArray(user.groups) ? user.groups.filter((g): g is string => typeof g === 'string') : [];
    return { username: user.username, groups };
  }

  async getJson<T = unknown>(path: string, accept = 'application/json', opts: RequestOptions = {}): Promise<T> {
    return (await this.request('GET', path, undefined, { ...opts, accept })) as T;
  }

  /** A text answer (a pod's log), bounded like every answer. */
  async getText(path: string, opts: RequestOptions = {}): Promise<string> {
    return (await this.request('GET', path, undefined, { ...opts, accept: '*/*', text: true })) as string;
  }

  private async request(method: 'GET' | 'POST', path: string, body: string | undefined, opts: RequestOptions): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let failure: HttpError;
      try {
        return await this.attempt(method, path, body, opts);
      } catch (err) {
        if (!(err instanceof HttpError) || !isRetriable(err)) throw err;
        failure = err;
      }
      if (attempt >= this.opts.retries) throw failure;
      const wait = failure.retryAfterMs ?? Math.min(10_000, this.opts.backoffMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      if (opts.deadline !== undefined && Date.now() + wait >= opts.deadline) throw failure;
      this.opts.debug?.(
        `retry ${attempt + 1}/${this.opts.retries} of ${path} in ${Math.round(wait)} ms: ${failure.status ?? failure.reason} ${failure.message}`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async attempt(method: 'GET' | 'POST', path: string, body: string | undefined, opts: RequestOptions): Promise<unknown> {
    const { headers, dispatcher } = await this.credentials(path);
    const timeoutMs = Math.min(
      this.opts.timeoutMs || Infinity,
      opts.deadline === undefined ? Infinity : Math.max(1, opts.deadline - Date.now()),
    );
    this.requestCount++;
    const started = Date.now();
    let text: string;
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(this.server.replace(/\/$/, '') + path, {
        method,
        headers: {
          ...headers,
          Accept: opts.accept ?? 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body,
        dispatcher,
        signal: Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      text = await readText(res, path);
    } catch (err) {
      throw err instanceof HttpError ? err : networkError(path, err);
    }
    this.opts.debug?.(`${method === 'GET' ? 'GET' : 'POST'} ${path} ${res.status} ${Date.now() - started} ms`);
    if (!res.ok) {
      const status = statusBody(text);
      throw new HttpError(
        path,
        res.status,
        status.reason ?? res.statusText,
        status.message ?? `HTTP ${res.status}`,
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    if (opts.text) return text;
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(
        path,
        res.status,
        'BadResponse',
        text.length ? `the answer is not valid JSON (${text.length} bytes; cut off?)` : 'the answer is empty, not JSON',
      );
    }
  }

  /** Headers and TLS dispatcher from the kubeconfig; refreshed now and then so exec tokens can rotate. One dispatcher keeps connections alive. */
  private async credentials(path: string): Promise<{ headers: Record<string, string>; dispatcher?: Dispatcher }> {
    if (this.auth && Date.now() - this.auth.at < AUTH_TTL_MS) return this.auth;
    let ctx: RequestContext;
    try {
      ctx = new RequestContext(this.server, HttpMethod.GET);
      await this.kc.applySecurityAuthentication(ctx);
    } catch (err) {
      throw credentialError(this.kc, path, err);
    }
    const dispatcher = this.auth?.dispatcher ?? (ctx.getDispatcher() as Dispatcher | undefined);
    this.auth = { headers: ctx.getHeaders(), dispatcher, at: Date.now() };
    return this.auth;
  }

  async close(): Promise<void> {
    await this.auth?.dispatcher?.close().catch(() => undefined);
  }
}

/** The body as text, refusing answers larger than MAX_RESPONSE_BYTES (bounded memory whatever the server sends). */
async function readText(res: Awaited<ReturnType<typeof fetch>>, path: string): Promise<string> {
  const tooLarge = () => new HttpError(path, res.status, 'BadResponse', `the answer is larger than ${MAX_RESPONSE_BYTES / 2 ** 20} MiB`);
  if (Number(res.headers.get('content-length')) > MAX_RESPONSE_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw tooLarge(); // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * What went wrong applying the kubeconfig's credentials, without quoting what a credential plugin
 * printed (client-node puts an exec plugin's stderr, or its unparsable stdout, in the message).
 */
function credentialError(kc: KubeConfig, path: string, err: unknown): HttpError {
  const e = err as NodeJS.ErrnoException;
  const user = kc.getCurrentUser();
  const exec = (user?.exec ?? user?.authProvider?.config?.exec) as { command?: string } | undefined;
  if (exec && e.syscall?.startsWith('spawn'))
    return new HttpError(path, null, 'Config', `the exec credential plugin "${exec.command}" could not be started (${e.code})`);
  if (typeof e.path === 'string' && e.code) {
    const cluster = kc.getCurrentCluster();
    const roles: [string | undefined, string][] = [
      [cluster?.caFile, 'certificate-authority'],
      [user?.certFile, 'client-certificate'],
      [user?.keyFile, 'client-key'],
      [user?.authProvider?.config?.tokenFile as string | undefined, 'token file'],
    ];
    const role = roles.find(([file]) => file === e.path)?.[1] ?? 'file';
    return new HttpError(path, null, 'Config', `${role} ${e.path}: ${readProblem(e)}`);
  }
  const address = serverAddressProblem(e.code, e.message ?? '');
  if (address) return new HttpError(path, null, 'Config', address);
  if (exec)
    return new HttpError(
      path,
      null,
      'Auth',
      `the exec credential plugin "${exec.command}" failed (its output is not shown: it may hold credentials)`,
    );
  return new HttpError(
    path,
    null,
    'Config',
    `the credentials of user "${user?.name}" could not be applied (${e.code ?? e.name ?? 'error'})`,
  );
}

function statusBody(text: string): { reason?: string; message?: string } {
  try {
    const body = JSON.parse(text);
    return {
      reason: typeof body?.reason === 'string' ? body.reason : undefined,
      message: typeof body?.message === 'string' ? body.message : undefined,
    };
  } catch {
    return { message: text.slice(0, 200) || undefined };
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.min(seconds, 60)) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - Date.now(), 60_000));
}

/** Problems of the kubeconfig's server address, not of the network: no point retrying. */
function serverAddressProblem(code: string | undefined, detail: string): string | undefined {
  if (/URL that includes credentials/i.test(detail))
    return 'the server address carries credentials (user:password@host), which are not sent from a URL; put them in the kubeconfig user';
  if (code === 'ERR_INVALID_URL' || /Failed to parse URL|Invalid URL|absolute base url/i.test(detail))
    return 'the server address is not a valid URL';
  if (/HTTP protocol is not allowed/i.test(detail))
    return 'the server address is plain http://, which the Kubernetes client refuses without insecure-skip-tls-verify (use https://)';
  return undefined;
}

/** Names the transport failure: TLS, refused, DNS, timeout, reset. */
function networkError(path: string, err: unknown): HttpError {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const detail = e.cause?.message ?? e.message ?? String(err);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new HttpError(path, null, 'Timeout', 'request timed out');
  const config = serverAddressProblem(code, detail);
  if (config) return new HttpError(path, null, 'Config', config);
  if (/CERT|SELF_SIGNED|TLS|SSL|ERR_TLS|HOSTNAME|ALTNAME/i.test(code) || /certificate|altnames/i.test(detail))
    return new HttpError(path, null, 'TLS', `TLS verification failed: ${detail}`);
  if (code === 'ECONNREFUSED') return new HttpError(path, null, 'Refused', `connection refused (${detail})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpError(path, null, 'DNS', `host not found (${detail})`);
  return new HttpError(path, null, 'Network', `${code || 'network error'}: ${detail}`);
}
