/**
 * --post-url: the JSON report POSTed to a receiver (a log pipeline, an object-store gateway, a
 * central fleet collector). HTTPS only, the certificate verified (system CAs, or --post-ca for a
 * private CA); a bearer token read from a mounted file and never logged; network errors, 429 and
 * 5xx retried with exponential backoff. The report is written to its file before delivery starts,
 * so a failed delivery loses nothing: it is one line on stderr.
 */
import { networkReason, sleep } from './net.js';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Argv } from 'yargs';
import type { ArgvOf } from './options.js';
import { readProblem, UsageError } from '../core/errors.js';
import { maskUrlUserinfo } from '../core/terminal-text.js';

export const postOptions = <T>(y: Argv<T>) =>
  y
    .option('post-url', {
      type: 'string',
      describe: 'POST the JSON report to this https:// URL (after it is written, so a failed delivery loses nothing)',
      group: 'Delivery:',
    })
    .option('post-token-file', {
      type: 'string',
      describe: 'File holding the bearer token for --post-url (e.g. a mounted Secret)',
      group: 'Delivery:',
    })
    .option('post-ca', {
      type: 'string',
      describe: 'PEM file of the CA that signed the --post-url server (default: the system CAs)',
      group: 'Delivery:',
    })
    .option('post-retries', {
      type: 'number',
      default: 3,
      describe: 'Retries of a failed delivery (network error, 429, 5xx), with backoff from 1 s',
      group: 'Delivery:',
    });

export interface PostArgs {
  url: string;
  tokenFile?: string;
  caFile?: string;
  retries: number;
  /** First backoff step; tests shorten it. */
  backoffMs?: number;
}

export const postArgs = (a: ArgvOf<typeof postOptions<object>>): PostArgs | undefined =>
  a.postUrl === undefined ? undefined : { url: a.postUrl, tokenFile: a.postTokenFile, caFile: a.postCa, retries: a.postRetries };

/** Flag problems found before the scan runs: a delivery that cannot work is bad usage, not a late surprise. */
export function checkPostArgs(p: PostArgs): void {
  let url: URL;
  try {
    url = new URL(p.url);
  } catch {
    throw new UsageError(`--post-url ${maskUrlUserinfo(p.url)}: not a URL`);
  }
  if (url.protocol !== 'https:')
    throw new UsageError(`--post-url ${maskUrlUserinfo(p.url)}: only https:// is allowed (the report describes the cluster's weaknesses)`);
  if (url.username || url.password)
    throw new UsageError(`--post-url ${maskUrlUserinfo(p.url)}: credentials in the URL are not sent; use --post-token-file`);
  if (!Number.isInteger(p.retries) || p.retries < 0)
    throw new UsageError(`--post-retries must be a whole number of 0 or more (got ${p.retries})`);
  for (const [flag, file] of [
    ['--post-token-file', p.tokenFile],
    ['--post-ca', p.caFile],
  ] as const) {
    if (!file) continue;
    try {
      readFileSync(file);
    } catch (err) {
      throw new UsageError(`${flag} ${file}: ${readProblem(err)}`);
    }
  }
}

export type PostOutcome = { ok: true; status: number; attempts: number } | { ok: false; reason: string; attempts: number };

/** POSTs the file (read anew for every attempt). Never throws: the outcome says how it went. */
export async function postReport(file: string, p: PostArgs): Promise<PostOutcome> {
  const { Agent, fetch } = await import('undici');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'kaudit' };
  let ca: string | undefined;
  // Read at delivery time: a rotated Secret is picked up by the next run; trailing newlines are not part of the token.
  // A file gone since the flags were checked is a failed delivery, not a crash.
  for (const [flag, file, use] of [
    ['--post-ca', p.caFile, (text: string) => (ca = text)],
    ['--post-token-file', p.tokenFile, (text: string) => (headers.authorization = `Bearer ${text.trim()}`)],
  ] as const) {
    if (!file) continue;
    try {
      use(readFileSync(file, 'utf8'));
    } catch (err) {
      return { ok: false, reason: `${flag} ${file}: ${readProblem(err)}`, attempts: 0 };
    }
  }
  const dispatcher = new Agent({ connect: ca ? { ca } : {} });
  let reason = '';
  try {
    for (let attempt = 0; attempt <= p.retries; attempt++) {
      if (attempt > 0) await sleep((p.backoffMs ?? 1000) * 2 ** (attempt - 1));
      try {
        const res = await fetch(p.url, {
          method: 'POST',
          headers,
          body: Readable.toWeb(createReadStream(file)) as ReadableStream,
          duplex: 'half',
          dispatcher,
          redirect: 'error',
          signal: AbortSignal.timeout(60_000),
        });
        await res.body?.cancel();
        if (res.ok) return { ok: true, status: res.status, attempts: attempt + 1 };
        reason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        if (res.status !== 429 && res.status < 500) return { ok: false, reason, attempts: attempt + 1 };
      } catch (err) {
        reason = networkReason(err);
        // A certificate that does not verify will not verify on the next attempt either.
        if (/CERT|SIGNATURE|HOSTNAME|ALTNAME/.test(reason)) return { ok: false, reason: `TLS: ${reason}`, attempts: attempt + 1 };
      }
    }
    return { ok: false, reason, attempts: p.retries + 1 };
  } finally {
    await dispatcher.close();
  }
}
