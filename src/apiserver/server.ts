/**
 * startApiServer: kaudit's read-only, Kubernetes-compatible HTTPS API server over an Inventory.
 * Request pipeline, in the real server's order: authenticate (bearer token) -> injected fault ->
 * method (GET only, POST for the self-reviews and SelfSubjectReview) -> route -> authorize (ForbiddenRules) -> serve.
 * Faults that damage an answer (truncated, reset mid-body, endless continue) wrap the real one.
 * Every request is recorded, and every error is a metav1.Status.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResourceType } from '../core/resources.js';
import { Authorizer } from './authz.js';
import {
  AUTHN_GROUP,
  DEFAULT_VERSION,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  servesType,
  versionInfo,
} from './discovery.js';
import { Faults, halfOf } from './faults.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { constraintsReply, getObject, servedConstraintKind, jsonReply, listObjects, nodeProxy, podLog, type Reply } from './objects.js';
import { CONSTRAINTS_GROUP } from '../core/resources.js';
import { openApiDocument, openApiIndex, openApiV2 } from './openapi.js';
import { asksOpenApiV2Protobuf, encodeOpenApiV2, OPENAPI_V2_PROTOBUF } from './openapi-v2-protobuf.js';
import { PROTOBUF_TYPE, reviewFromProtobuf } from './protobuf-review.js';
import { route, type Route } from './routes.js';
import { ApiError, badRequest, expiredContinue, methodNotAllowed, notFoundPath, statusBody } from './status.js';
import { servedVersion } from './served-version.js';
import { Store } from './store.js';
import { servingCerts } from './tls.js';
import { USER_NAME, type ApiServer, type ApiServerOptions, type FaultRule, type RecordedRequest } from './types.js';

/** A long-running `kaudit serve` must not grow without bound: past this, the oldest half is dropped. */
const MAX_RECORDED = 100_000;
const MAX_BODY_BYTES = 1024 * 1024;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenDigest = digest(token);
  const certs = await servingCerts(host);
  const store = new Store(opts.inventory);
  const authz = new Authorizer(opts.forbidden);
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  // One resourceVersion per server: the inventory is a snapshot, so every list is consistent with it.
  const resourceVersion = String(randomInt(100_000, 1_000_000));
  let serverAddress = '';
  let endlessTokens = 0;

  // Constant-time compare of digests, so neither the token nor its length leaks through timing.
  const authenticated = (header: string | undefined): boolean => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return m?.[1] !== undefined && timingSafeEqual(digest(m[1]), tokenDigest);
  };

  // An optional kind the Inventory does not serve is absent, as on a cluster without its CRD.
  const servedOrNotFound = (t: ResourceType): void => {
    if (!servesType(t, store.inventory)) throw notFoundPath();
  };

  async function dispatch(r: Route, req: IncomingMessage, query: Record<string, string>): Promise<Reply> {
    switch (r.kind) {
      case 'version':
        return jsonReply(200, versionInfo(servedVersion(store.inventory, opts.defaultVersion ?? DEFAULT_VERSION)));
      case 'health':
        return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
      case 'api':
        return jsonReply(200, apiVersions(serverAddress));
      case 'apis':
        return jsonReply(200, apiGroupList(store.inventory));
      case 'group':
        return jsonReply(200, apiGroup(r.group, store.inventory) ?? raise(notFoundPath()));
      case 'resources':
        return jsonReply(200, apiResourceList(r.group, r.version, store.inventory) ?? raise(notFoundPath()));
      case 'list':
        servedOrNotFound(r.type);
        authz.check({ verb: 'list', group: r.type.group, resource: r.type.plural, namespace: r.namespace });
        return listObjects(store, { type: r.type, namespace: r.namespace, query, accept: req.headers.accept, resourceVersion });
      case 'get':
        servedOrNotFound(r.type);
        authz.check({ verb: 'get', group: r.type.group, resource: r.type.plural, namespace: r.namespace, name: r.name });
        return getObject(store, r.type, r.namespace, r.name, req.headers.accept, query.includeObject);
      case 'constraints': {
        // Not served (no such kind, another version): 404 before authorization, as for an absent CRD.
        if (servedConstraintKind(store.inventory, r.version, r.plural) === undefined) throw notFoundPath();
        authz.check({ verb: r.name === undefined ? 'list' : 'get', group: CONSTRAINTS_GROUP, resource: r.plural, name: r.name });
        return constraintsReply(store.inventory, r.version, r.plural, r.name, resourceVersion) ?? raise(notFoundPath());
      }
      case 'nodeProxy':
        authz.check({ verb: 'get', group: '', resource: 'nodes/proxy', name: r.node });
        return nodeProxy(store, r.node, r.path);
      case 'podLog':
        authz.check({ verb: 'get', group: '', resource: 'pods/log', namespace: r.namespace, name: r.name });
        return podLog(store, opts.podLogs ?? {}, r.namespace, r.name, query);
      case 'review': {
        const body = await readReview(req, r.review);
        return jsonReply(201, r.review === 'selfsubjectaccessreviews' ? authz.accessReview(body) : authz.rulesReview(body));
      }
      case 'openapiV2': {
        const doc = await openApiV2();
        // client-go asks for gnostic protobuf first and decodes it without falling back to JSON.
        const first = (req.headers.accept ?? '').split(',')[0]?.trim() ?? '';
        if (asksOpenApiV2Protobuf(first))
          return { status: 200, contentType: OPENAPI_V2_PROTOBUF, body: '(protobuf)', bytes: encodeOpenApiV2(doc) };
        return jsonReply(200, doc);
      }
      case 'whoami': {
        await readBody(req);
        authz.check({ verb: 'create', group: AUTHN_GROUP, resource: 'selfsubjectreviews' });
        const user = opts.user ?? { username: USER_NAME, groups: ['system:authenticated'] };
        return jsonReply(201, {
          kind: 'SelfSubjectReview',
          apiVersion: `${AUTHN_GROUP}/v1`,
          metadata: { creationTimestamp: null },
          status: { userInfo: { username: user.username, groups: user.groups ?? [] } },
        });
      }
      case 'openapi': {
        if (r.path === '') return jsonReply(200, openApiIndex());
        const body = await openApiDocument(r.path);
        if (body === undefined) throw notFoundPath();
        return { status: 200, contentType: 'application/json', body };
      }
      case 'notFound':
        throw notFoundPath();
    }
  }

  /**
   * Applies an injected fault; true when the request is finished (answered, reset or dropped).
   * `answer` is the real answer, for faults that damage it rather than replace it.
   */
  async function injectFault(
    fault: FaultRule,
    req: IncomingMessage,
    send: (reply: Reply) => void,
    answer: (query?: Record<string, string>) => Promise<Reply>,
  ): Promise<boolean> {
    switch (fault.type) {
      case 'reset':
        req.socket.destroy(); // no response at all, as a dropped connection
        return true;
      case 'gone':
        req.socket.destroy();
        goAway();
        return true;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0).unref());
        return false;
      case '403':
        throw new ApiError(
          403,
          'Forbidden',
          `forbidden: User "${USER_NAME}" cannot get path "${new URL(req.url ?? '/', 'https://x').pathname}" (injected fault)`,
        );
      case '404':
        throw notFoundPath();
      case '429': {
        const retryAfterSeconds = fault.retryAfterSeconds ?? 1;
        throw new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
      }
      case '500':
        throw new ApiError(500, 'InternalError', 'Internal error occurred: injected fault');
      case '410':
        throw expiredContinue();
      case 'body':
        send({ status: fault.status ?? 200, contentType: 'application/json', body: fault.rawBody ?? JSON.stringify(fault.body ?? null) });
        return true;
      case 'truncated': {
        const real = await answer();
        send({ ...real, body: halfOf(real.body) });
        return true;
      }
      case 'reset-mid-body': {
        const real = await answer();
        const res = req.socket;
        // Headers promise the whole body; half of it arrives, then the connection drops.
        res.write(
          `HTTP/1.1 ${real.status} OK\r\nContent-Type: ${real.contentType}\r\nContent-Length: ${Buffer.byteLength(real.body)}\r\n\r\n${halfOf(real.body)}`,
          () => res.destroy(),
        );
        return true;
      }
      case 'continue-endless':
      case 'continue-repeat': {
        // The first page again (a token this server did not issue would be refused), with a token that never ends the list.
        const { continue: _ignored, ...first } = Object.fromEntries(new URL(req.url ?? '/', 'https://x').searchParams);
        const real = await answer(first);
        const body = JSON.parse(real.body) as { metadata?: Record<string, unknown> };
        body.metadata = { ...body.metadata, continue: fault.type === 'continue-repeat' ? 'repeat' : `endless-${++endlessTokens}` };
        send(jsonReply(real.status, body));
        return true;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query,
      status: 0,
      authenticated: authenticated(req.headers.authorization),
    };
    if (req.headers.accept !== undefined) record.accept = req.headers.accept;
    if (requests.length >= MAX_RECORDED) requests.splice(0, MAX_RECORDED / 2);
    requests.push(record);

    const send = (reply: Reply, headers: Record<string, string> = {}): void => {
      record.status = reply.status;
      const payload = reply.bytes ?? reply.body;
      res.writeHead(reply.status, {
        'Content-Type': reply.contentType,
        'Content-Length': Buffer.byteLength(payload),
        'Cache-Control': 'no-cache, private',
        ...headers,
      });
      res.end(payload);
    };

    try {
      if (!record.authenticated) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
      const fault = faults.take(url.pathname, Boolean(query.continue));
      const r = route(url.pathname);
      if (fault && (await injectFault(fault, req, send, (q = query) => dispatch(r, req, q)))) return;
      // Read-only: GET everywhere, POST only for the self-reviews (which change nothing).
      if (method !== (r.kind === 'review' || r.kind === 'whoami' ? 'POST' : 'GET')) throw methodNotAllowed();
      if (query.watch === 'true' || query.watch === '1')
        throw new ApiError(405, 'MethodNotAllowed', 'watch is not supported: this server serves a snapshot');
      send(await dispatch(r, req, query));
    } catch (e) {
      if (res.headersSent || req.socket.destroyed) return;
      const err =
        e instanceof ApiError
          ? e
          : new ApiError(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
      const retryAfter = err.details?.retryAfterSeconds;
      send(
        jsonReply(err.code, statusBody(err.code, err.reason, err.message, err.details)),
        retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {},
      );
    }
  }

  const server: Server = createServer(
    { key: certs.keyPem, cert: certs.certPem, minVersion: 'TLSv1.2' },
    (req, res) => void handle(req, res),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The 'gone' fault: stop listening and drop every connection, as a machine that went away.
  const goAway = (): void => {
    server.close();
    server.closeAllConnections();
  };
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  serverAddress = `${urlHost}:${port}`;
  const url = `https://${serverAddress}`;

  return {
    url,
    port,
    token,
    caPem: certs.caPem,
    requests,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setForbidden: (rules) => authz.setRules(rules),
    kubeconfig: (kopts) => kubeconfigYaml(url, certs.caPem, token, kopts),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // undici keeps sockets alive; without this close() waits for them
      }),
  };
}

function raise(e: ApiError): never {
  throw e;
}

/** A request body, bounded. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest('the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A review's body: JSON, or the Kubernetes protobuf that client-go (kubectl auth can-i) sends. */
async function readReview(req: IncomingMessage, review: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews'): Promise<unknown> {
  const body = await readBody(req);
  if ((req.headers['content-type'] ?? '').split(';')[0]?.trim() === PROTOBUF_TYPE) return reviewFromProtobuf(body, review);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('the request body is not valid JSON');
  }
}
