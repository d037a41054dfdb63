import type { Argv, CommandModule } from 'yargs';
import { SEVERITIES } from '../../core/severity.js';
import { FORMATS, REPORT_FORMATS, type ReportFormat } from '../../../reports/index.js';
import { writeReport, type Io } from '../io.js';
import { sourceArgs, sourceOptions, stderrLog } from '../options.js';
import { scanPipeline, summaryLine } from '../run-scan.js';
import { deliverToDir, deliveryArgs, deliveryOptions } from '../deliver.js';
import { fleetContexts, fleetScan, fleetScanOptions, oneContext } from '../fleet-scan.js';

export const scanOptions = <T>(y: Argv<T>) =>
  sourceOptions(y)
    .option('benchmark', { alias: 'b', type: 'string', array: true, describe: 'Benchmark profile(s) to score (repeatable; default: the CIS profile for the server version)', group: 'Selection:' })
    .option('checks', { type: 'string', array: true, describe: 'Only these check ids (comma list or repeated)', group: 'Selection:' })
    .option('skip', { type: 'string', array: true, describe: 'Skip these check ids', group: 'Selection:' })
    .option('severity', { type: 'string', choices: SEVERITIES, describe: 'Only controls at or above this severity', group: 'Selection:' })
    .option('pss-version', { type: 'string', default: 'latest', describe: 'Pod Security Standards policy version: vX.Y or latest', group: 'Selection:' })
    .option('check-options', { type: 'string', describe: 'YAML file of per-check options (check id -> options); see `kaudit checks explain ID`', group: 'Selection:' })
    .option('exceptions', { type: 'string', describe: 'YAML file of waivers (reason, owner, expiry); see docs/exceptions.md', group: 'Selection:' })
    .option('fail-on', { type: 'string', choices: SEVERITIES, describe: 'Exit 1 when a control fails at or above this severity', group: 'Output:' })
    .option('fail-on-not-assessed', { type: 'boolean', describe: 'Also exit 1 when a control is not-assessed because its data could not be read (at or above --fail-on if given, else any)', group: 'Output:' })
    .option('format', { alias: 'f', type: 'string', choices: REPORT_FORMATS, describe: 'Report format (default: table on a terminal, json otherwise)', group: 'Output:' })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file (default: stdout)', group: 'Output:' });

export function scanCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'scan',
    describe: 'Audit a live cluster (or --manifests / --snapshot) and write a report',
    builder: (y) =>
      fleetScanOptions(deliveryOptions(scanOptions(y)))
        .example('$0 scan --all-contexts --output-dir fleet/', 'every kubeconfig context at once: a report per cluster and a fleet summary')
        .example('$0 scan --context prod -o report.json', 'scan the prod context, JSON report to a file')
        .example('$0 scan --benchmark cis-1.12 --fail-on high', 'CI gate: exit 1 on a high or critical failure')
        .example('$0 scan --fail-on high --fail-on-not-assessed', 'CI gate that also trips when high or critical controls could not be read')
        .example('helm template ./chart | $0 scan --manifests - --benchmark pss-restricted', 'scan rendered manifests from stdin')
        .example('$0 scan --snapshot prod.json --exceptions waivers.yaml', 'scan a saved snapshot with waivers'),
    handler: async (argv) => {
      const a = argv as Record<string, unknown>;
      const log = stderrLog(io.err);
      const args = {
        ...sourceArgs(a),
        benchmark: a.benchmark as string[] | undefined,
        checks: a.checks as string[] | undefined,
        skip: a.skip as string[] | undefined,
        severity: a.severity as string | undefined,
        failOn: a.failOn as string | undefined,
        failOnNotAssessed: a.failOnNotAssessed as boolean | undefined,
        exceptions: a.exceptions as string | undefined,
        pssVersion: a.pssVersion as string | undefined,
        checkOptions: a.checkOptions as string | undefined,
      };
      const delivery = deliveryArgs(a);
      const contexts = await fleetContexts(a);
      if (contexts) return setExit(await fleetScan(args, contexts, { ...delivery, output: a.output as string | undefined, format: a.format as string | undefined, maxClusters: a.maxClusters as number, allowUnreachable: a.allowUnreachable as boolean | undefined }, io, log));
      const outcome = await scanPipeline({ ...args, context: oneContext(a) }, log);
      for (const w of outcome.warnings) log(`warning: ${w}`);
      const format = (a.format as ReportFormat | undefined) ?? (io.isTTY && !a.output ? 'table' : 'json');
      if (delivery.outputDir) {
        const file = await deliverToDir(outcome.result, outcome.exitCode, { ...delivery, outputDir: delivery.outputDir }, io, log);
        log(`${summaryLine(outcome.result)}; report written to ${file}`);
        return setExit(outcome.exitCode);
      }
      await writeReport(io, FORMATS[format].chunks(outcome.result), a.output as string | undefined);
      log(`${summaryLine(outcome.result)}${a.output ? `; report written to ${a.output as string}` : ''}`);
      setExit(outcome.exitCode);
    },
  };
}
