/** Public types of kaudit's loopback API server (see server.ts). */
import type { Inventory, ServerVersion } from '../core/inventory.js';

/** The user name the server reports in Forbidden messages, as a real API server names the caller. */
export const USER_NAME = 'kaudit';

/**
 * A permission the caller does not have. `namespace` absent = every namespace and the cluster scope.
 * With a namespace, the rule also denies the cluster-wide list of a namespaced resource: a user who
 * cannot list pods in one namespace cannot hold a cluster-scope grant either (as with RBAC).
 */
export interface ForbiddenRule {
  /** Plural (e.g. 'secrets'), a subresource ('nodes/proxy') or '*'. */
  resource: string;
  namespace?: string;
  /** Absent = every verb. */
  verb?: 'list' | 'get' | '*';
}

/**
 * What an injected fault does to a matching request:
 * - '403' '404' '410' '429' '500': that error as a metav1.Status ('429' with Retry-After);
 * - 'reset': the connection is dropped before any answer; 'reset-mid-body': after the headers and
 *   half the real body;
 * - 'truncated': a 200 whose body is the first half of the real answer (JSON that does not parse);
 * - 'body': a 200 (or `status`) with `body` as the JSON answer (`rawBody`: sent as is);
 * - 'continue-endless': the real first page with a new continue token every time;
 *   'continue-repeat': the real first page with the same continue token every time;
 * - 'delay': wait `delayMs`, then answer normally;
 * - 'gone': the server stops listening and drops every connection (the machine went away).
 */
export type FaultType =
  | '403'
  | '404'
  | '410'
  | '429'
  | '500'
  | 'reset'
  | 'reset-mid-body'
  | 'truncated'
  | 'body'
  | 'continue-endless'
  | 'continue-repeat'
  | 'delay'
  | 'gone';

export interface FaultRule {
  /** Matched against the URL pathname; a string is a substring. */
  path: RegExp | string;
  type: FaultType;
  /** How many matching requests it answers before it is spent; default 1, Infinity allowed. */
  times?: number;
  /** For 429: the Retry-After header (default 1). */
  retryAfterSeconds?: number;
  /** For delay: wait this long, then answer normally. */
  delayMs?: number;
  /** Only requests that carry a continue token (e.g. 410 on the second page). */
  onlyWithContinue?: boolean;
  /** For body: the JSON value sent (null allowed). */
  body?: unknown;
  /** For body: sent verbatim instead of `body` (not JSON, say). */
  rawBody?: string;
  /** For body: the HTTP status (default 200). */
  status?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The status sent; 0 while in flight or when the socket was reset without an answer. */
  status: number;
  accept?: string;
  authenticated: boolean;
}

export interface ApiServerOptions {
  inventory: Inventory;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 = a free port. */
  port?: number;
  /** Default random. */
  token?: string;
  forbidden?: ForbiddenRule[];
  /** Served from /version when the inventory has no version; default v1.33.0. */
  defaultVersion?: ServerVersion;
  /** Container logs served at pods/{name}/log, by "namespace/name" (a pod without one has an empty log). */
  podLogs?: Record<string, string>;
  /** Who the token authenticates, as a SelfSubjectReview (`kubectl auth whoami`) answers; default USER_NAME in system:authenticated. */
  user?: { username: string; groups?: string[] };
}

export interface KubeconfigOptions {
  contextName?: string;
  clusterName?: string;
  userName?: string;
  token?: string;
  namespace?: string;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly caPem: string;
  /** Every request received, in order of arrival (never the token). */
  readonly requests: RecordedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setForbidden(rules: ForbiddenRule[]): void;
  /** A complete kubeconfig (certificate-authority-data, server, token) for kubectl and client-node. */
  kubeconfig(opts?: KubeconfigOptions): string;
  close(): Promise<void>;
}
