/**
 * Bench child: kaudit's loopback API server over the synthetic cluster (or a snapshot file), in a
 * process of its own so its CPU and memory are not charged to the client being measured.
 *
 *   node dist/bench/server.js --kubeconfig FILE [--pods N] [--namespaces N] [--nodes N] [--snapshot FILE]
 *
 * Writes the kubeconfig, warms the server's list indexes, then prints one line
 * {"ready":true,"url":...,"objects":...} on stdout and serves until SIGTERM/SIGINT.
 */
import { writeFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { startApiServer } from '../src/apiserver/index.js';
import type { Inventory } from '../src/core/inventory.js';
import { listPath, RESOURCE_TYPES } from '../src/core/resources.js';
import { readSnapshot } from '../src/offline/snapshot.js';
import { checkFlags, emit, intFlag, parseArgs, peakRssMiB, runMain, stringFlag } from './common.js';
import { DEFAULT_NODES, DEFAULT_PODS, syntheticInventory } from './synthetic.js';

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['kubeconfig', 'pods', 'namespaces', 'nodes', 'seed', 'snapshot']);
  const kubeconfigPath = stringFlag(flags, 'kubeconfig');
  if (!kubeconfigPath) throw new Error('--kubeconfig FILE is required');
  const snapshot = stringFlag(flags, 'snapshot');
  const started = performance.now();
  const inventory: Inventory = snapshot
    ? readSnapshot(snapshot)
    : syntheticInventory({
        pods: intFlag(flags, 'pods', DEFAULT_PODS),
        namespaces: flags.namespaces === undefined ? undefined : intFlag(flags, 'namespaces', 1),
        nodes: intFlag(flags, 'nodes', DEFAULT_NODES),
        seed: flags.seed === undefined ? undefined : intFlag(flags, 'seed', 0, 0),
      });
  const builtMs = Math.round(performance.now() - started);

  const server = await startApiServer({ inventory, host: '127.0.0.1' });
  writeFileSync(kubeconfigPath, server.kubeconfig({ contextName: 'kaudit-bench' }), { mode: 0o600 });

  // The server sorts and indexes a kind on its first list; do that now so no measured run pays it.
  const agent = new Agent({ connect: { ca: server.caPem } });
  // Optional kinds are not served by the synthetic cluster (a scan sees them as not served).
  for (const r of RESOURCE_TYPES.filter((t) => !t.optional)) {
    const res = await fetch(`${server.url}${listPath(r)}?limit=1`, {
      headers: { Authorization: `Bearer ${server.token}` },
      dispatcher: agent,
    });
    await res.text();
    if (!res.ok) throw new Error(`warm-up list ${listPath(r)} answered ${res.status}`);
  }
  await agent.close();
  server.requests.length = 0;

  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The orchestrator closes our stdin when it goes away, even if it could not signal us.
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();

  const objects = Object.fromEntries(RESOURCE_TYPES.map((r) => [r.key, inventory[r.key].length]));
  emit({ ready: true, url: server.url, builtMs, peakRssMiB: peakRssMiB(), objects: { ...objects, kubelets: inventory.kubelets.length } });
}

runMain(main);
