/**
 * --push-gateway URL: the scan's Prometheus metrics (reports/prometheus.ts) PUT to a Prometheus
 * Pushgateway, grouped by job `kaudit` and the cluster, so each cluster's latest posture replaces its
 * previous one and Prometheus keeps the history. Only aggregate series leave: scores, counts, a
 * status per control; no finding, no object name. A failed push is one line on stderr; the scan's
 * exit code and its reports are unchanged.
 */
import { networkReason, sleep } from './net.js';
import type { Argv } from 'yargs';
import type { ArgvOf } from './options.js';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import { maskUrlUserinfo } from '../core/terminal-text.js';
import { prometheusChunks } from '../../reports/prometheus.js';
import { clusterName } from '../../reports/text.js';

export const pushGatewayOptions = <T>(y: Argv<T>) =>
  y.option('push-gateway', {
    type: 'string',
    describe: 'Push the Prometheus metrics to this Pushgateway (http(s)://host:9091), grouped by job kaudit and cluster',
    group: 'Delivery:',
  });

/** The --push-gateway URL, checked before the scan runs. */
export function pushGatewayArg(a: ArgvOf<typeof pushGatewayOptions<object>>): URL | undefined {
  const value = a.pushGateway;
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--push-gateway ${maskUrlUserinfo(value)}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--push-gateway ${maskUrlUserinfo(value)}: needs http:// or https://`);
  if (url.username || url.password) throw new UsageError(`--push-gateway ${maskUrlUserinfo(value)}: credentials in the URL are not sent`);
  return url;
}

/** `/metrics/job/kaudit/cluster@base64/...`: base64url keeps a cluster named by its server URL (slashes, colons) one path segment. */
export function groupingPath(base: URL, cluster: string): URL {
  const encoded = cluster === '' ? '=' : Buffer.from(cluster).toString('base64url');
  return new URL(`${base.pathname.replace(/\/+$/, '')}/metrics/job/kaudit/cluster@base64/${encoded}`, base);
}

/** PUTs the metrics (one retry after a network error or a 5xx). Returns the line to log. */
export async function pushMetrics(result: ScanResult, gateway: URL, retryMs = 1000): Promise<string> {
  const { fetch } = await import('undici');
  const target = groupingPath(gateway, clusterName(result));
  const body = [...prometheusChunks(result)].join('');
  const where = maskUrlUserinfo(gateway.href);
  let reason = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await sleep(retryMs);
    try {
      const res = await fetch(target, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'text/plain; version=0.0.4' },
        redirect: 'error',
        signal: AbortSignal.timeout(30_000),
      });
      const text = (await res.text()).trim().split('\n')[0] ?? '';
      if (res.ok) return `metrics pushed to ${where} (job kaudit, cluster ${clusterName(result)})`;
      reason = `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      if (res.status < 500) break;
    } catch (err) {
      reason = networkReason(err);
    }
  }
  return `--push-gateway ${where}: push failed (${reason}); the reports are unaffected`;
}
