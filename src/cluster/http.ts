/**
 * GET requests with the kubeconfig's credentials (client-node applies TLS, tokens, exec and auth
 * providers), returning raw JSON: typed client models would cost a deserialisation pass per object.
 * Retries 429 (honouring Retry-After), 5xx and dropped connections with capped exponential backoff.
 */
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch, type Dispatcher } from 'undici';

export interface HttpOptions {
  /** Per-request timeout in ms (0 = none). */
  timeoutMs: number;
  retries: number;
  /** First backoff step in ms; doubles per attempt, capped at 10 s, plus jitter. */
  backoffMs: number;
  debug?: (line: string) => void;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { timeoutMs: 30_000, retries: 5, backoffMs: 250 };

/** A response that was not 2xx (after retries), or no response at all (status null). */
export class HttpError extends Error {
  constructor(
    readonly path: string,
    readonly status: number | null,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const RETRIABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const AUTH_TTL_MS = 60_000;

export class KubeHttp {
  private auth?: { headers: Record<string, string>; dispatcher?: Dispatcher; at: number };
  requestCount = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly server: string,
    private readonly opts: HttpOptions = DEFAULT_HTTP_OPTIONS,
  ) {}

  /**
   * The one write-shaped request kaudit sends: a SelfSubjectAccessReview, which asks the API server
   * what the caller may do and changes nothing (DESIGN: read-only apart from access reviews).
   */
  async accessReview(attributes: Record<string, string>): Promise<boolean> {
    const { headers, dispatcher } = await this.credentials();
    this.requestCount++;
    const res = await fetch(`${this.server.replace(/\/$/, '')}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
      method: 'POST',
      headers: { ...headers, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attributes } }),
      dispatcher,
      signal: this.opts.timeoutMs ? AbortSignal.timeout(this.opts.timeoutMs) : undefined,
    }).catch((err: unknown) => {
      throw networkError('selfsubjectaccessreviews', err);
    });
    const text = await res.text();
    this.opts.debug?.(`POST selfsubjectaccessreviews ${JSON.stringify(attributes)} ${res.status}`);
    if (!res.ok) throw new HttpError('selfsubjectaccessreviews', res.status, statusBody(text).reason ?? res.statusText, statusBody(text).message ?? `HTTP ${res.status}`);
    return JSON.parse(text)?.status?.allowed === true;
  }

  async getJson<T = unknown>(path: string, accept = 'application/json'): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let failure: HttpError;
      try {
        const { headers, dispatcher } = await this.credentials();
        this.requestCount++;
        const started = Date.now();
        const res = await fetch(this.server.replace(/\/$/, '') + path, {
          method: 'GET',
          headers: { ...headers, Accept: accept },
          dispatcher,
          signal: this.opts.timeoutMs ? AbortSignal.timeout(this.opts.timeoutMs) : undefined,
        });
        const text = await res.text();
        this.opts.debug?.(`GET ${path} ${res.status} ${Date.now() - started} ms`);
        if (res.ok) return JSON.parse(text) as T;
        const status = statusBody(text);
        failure = new HttpError(path, res.status, status.reason ?? res.statusText, status.message ?? `HTTP ${res.status}`);
        if (!RETRIABLE_STATUS.has(res.status)) throw failure;
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      } catch (err) {
        if (err instanceof HttpError && !RETRIABLE_STATUS.has(err.status ?? 0)) throw err;
        failure = err instanceof HttpError ? err : networkError(path, err);
        if (failure.reason === 'TLS' || failure.reason === 'Refused' || failure.reason === 'DNS' || failure.reason === 'Config') throw failure;
      }
      if (attempt >= this.opts.retries) throw failure;
      const backoff = Math.min(10_000, this.opts.backoffMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      const wait = retryAfterMs ?? backoff;
      this.opts.debug?.(`retry ${attempt + 1}/${this.opts.retries} of ${path} in ${Math.round(wait)} ms: ${failure.status ?? failure.reason} ${failure.message}`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** Headers and TLS dispatcher from the kubeconfig; refreshed now and then so exec tokens can rotate. One dispatcher keeps connections alive. */
  private async credentials(): Promise<{ headers: Record<string, string>; dispatcher?: Dispatcher }> {
    if (this.auth && Date.now() - this.auth.at < AUTH_TTL_MS) return this.auth;
    const ctx = new RequestContext(this.server, HttpMethod.GET);
    await this.kc.applySecurityAuthentication(ctx);
    const dispatcher = this.auth?.dispatcher ?? (ctx.getDispatcher() as Dispatcher | undefined);
    this.auth = { headers: ctx.getHeaders(), dispatcher, at: Date.now() };
    return this.auth;
  }

  async close(): Promise<void> {
    await this.auth?.dispatcher?.close().catch(() => undefined);
  }
}

function statusBody(text: string): { reason?: string; message?: string } {
  try {
    const body = JSON.parse(text);
    return { reason: body?.reason, message: body?.message };
  } catch {
    return { message: text.slice(0, 200) || undefined };
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(seconds, 60) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - Date.now(), 60_000));
}

/** Names the transport failure: TLS, refused, DNS, timeout, reset. */
function networkError(path: string, err: unknown): HttpError {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const detail = e.cause?.message ?? e.message ?? String(err);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new HttpError(path, null, 'Timeout', 'request timed out');
  // Problems of the kubeconfig itself, not of the network: no point retrying.
  if (code === 'ERR_INVALID_URL' || /Failed to parse URL|Invalid URL|absolute base url/i.test(detail)) return new HttpError(path, null, 'Config', 'the server address is not a valid URL');
  if (/HTTP protocol is not allowed/i.test(detail)) return new HttpError(path, null, 'Config', 'the server address is plain http://, which the Kubernetes client refuses without insecure-skip-tls-verify (use https://)');
  if (/CERT|SELF_SIGNED|TLS|SSL|ERR_TLS|HOSTNAME|ALTNAME/i.test(code) || /certificate|altnames/i.test(detail)) return new HttpError(path, null, 'TLS', `TLS verification failed: ${detail}`);
  if (code === 'ECONNREFUSED') return new HttpError(path, null, 'Refused', `connection refused (${detail})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpError(path, null, 'DNS', `host not found (${detail})`);
  return new HttpError(path, null, 'Network', `${code || 'network error'}: ${detail}`);
}
