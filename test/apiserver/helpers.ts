/** Shared fixtures for the API server tests: small inventories and an undici client that trusts the server's CA. */
import { Agent, fetch } from 'undici';
import type { ApiServer } from '../../src/apiserver/index.js';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';

export function pod(namespace: string, name: string, labels?: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  };
}

export function inventory(fill: (inv: Inventory) => void = () => {}): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-01-01T00:00:00Z' });
  fill(inv);
  return inv;
}

export interface Answer {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface RequestOptions {
  method?: string;
  /** null = send no Authorization header; default the server's token. */
  token?: string | null;
  accept?: string;
  /** A raw Authorization header, sent instead of the bearer token. */
  authorization?: string;
  body?: unknown;
}

export class Client {
  readonly agent: Agent;

  constructor(readonly server: ApiServer) {
    this.agent = new Agent({ connect: { ca: server.caPem } });
  }

  async request(path: string, opts: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    const token = opts.token === undefined ? this.server.token : opts.token;
    if (opts.authorization !== undefined) headers.authorization = opts.authorization;
    else if (token !== null) headers.authorization = `Bearer ${token}`;
    if (opts.accept) headers.accept = opts.accept;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.server.url}${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      dispatcher: this.agent,
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, text, body };
  }

  get(path: string, opts: RequestOptions = {}): Promise<Answer> {
    return this.request(path, opts);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

export const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});
