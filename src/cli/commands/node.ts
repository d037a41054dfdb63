import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { toolVersion } from '../../io/package-root.js';
import { collectNodeReport } from '../../node/collect.js';
import { writeReport, type Io } from '../io.js';
import { durationMs, stderrLog, typedCommand } from '../options.js';

/** `6h` → milliseconds; undefined when not given. */
function everyMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = durationMs(value);
  if (!ms || ms > 7 * 24 * 3_600_000) throw new UsageError(`--every: expected a duration such as 30m or 6h, at most 7d (got "${value}")`);
  return ms;
}

function directory(flag: string, dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${flag} ${dir}: no such directory`);
  return dir;
}

export function nodeCommand(io: Io) {
  return typedCommand({
    command: 'node',
    describe:
      'Node agent: report file modes, owners and process flags of this node host for the CIS node controls (no credentials, no network)',
    builder: (y) =>
      y
        .option('host-root', {
          type: 'string',
          default: '/',
          describe: "Where the host's filesystem is mounted (the agent pod mounts it at /host)",
        })
        .option('proc', { type: 'string', describe: "The host's /proc (default: <host-root>/proc; with hostPID a pod's own /proc)" })
        .option('node-name', {
          type: 'string',
          describe: "Node name (default: $NODE_NAME, the kubelet's --hostname-override, the host name)",
        })
        .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file (default: stdout, one line of JSON)' })
        .option('every', {
          type: 'string',
          describe: 'Keep running: print a report now and then every DURATION (30m, 6h) to stdout, for the agent DaemonSet',
        })
        .example('$0 node -o cp-1.json', 'report this host')
        .example('$0 scan --snapshot prod.json --node-report cp-1.json --node-report worker-1.json', 'judge the node controls offline'),
    handler: async (a) => {
      const log = stderrLog(io.err);
      const hostRoot = directory('--host-root', a.hostRoot);
      const procDir = directory('--proc', a.proc ?? join(hostRoot, 'proc'));
      const interval = everyMs(a.every);
      if (interval && a.output) throw new UsageError('--every prints to stdout: it cannot be combined with --output');
      const once = async (): Promise<void> => {
        const report = collectNodeReport({ hostRoot, procDir, nodeName: a.nodeName, toolVersion: toolVersion() });
        // One line: the agent's log holds one report per run, and the scanner reads the last.
        await writeReport(io, [`${JSON.stringify(report)}\n`], a.output);
        log(
          `node ${report.node}: ${report.roles.join(', ') || 'no Kubernetes process found'}; ${report.files.length} files stated, ${report.problems.length} problems${a.output ? `; report written to ${a.output}` : ''}`,
        );
      };
      await once();
      if (!interval) return;
      for (;;) {
        await new Promise((r) => setTimeout(r, interval));
        await once();
      }
    },
  });
}
