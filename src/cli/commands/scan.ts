import type { Argv } from 'yargs';
import { SEVERITIES } from '../../core/severity.js';
import type { Io } from '../io.js';
import { examples, nodeReportOptions, sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { NO_PROGRESS, ReadTally, terminalProgress, type Progress } from '../progress.js';
import { checkInfo } from '../../pipeline/registry.js';
import { outputFlags, outputOptions, targetsFor, writeOutputs, writtenLine } from '../report-output.js';
import { clusterNameArg, scanPipeline, summaryLine, trippedLine } from '../../pipeline/run-scan.js';
import { checkPostFormats, deliverWritten, deliveryArgs, deliveryOptions } from '../deliver.js';
import { pushGatewayArg, pushGatewayOptions, pushMetrics } from '../push-gateway.js';
import { terminalLine } from '../../core/terminal-text.js';
import { fleetContexts, fleetScan, fleetScanOptions, oneContext } from '../fleet-scan.js';

export const scanOptions = <T>(y: Argv<T>) =>
  outputOptions(
    nodeReportOptions(sourceOptions(y))
      .option('benchmark', {
        alias: 'b',
        type: 'string',
        array: true,
        describe: 'Benchmark profile(s) to score (repeatable; default: the CIS profile for the server version)',
        group: 'Selection:',
      })
      .option('checks', { type: 'string', array: true, describe: 'Only these check ids (comma list or repeated)', group: 'Selection:' })
      .option('skip', { type: 'string', array: true, describe: 'Skip these check ids', group: 'Selection:' })
      .option('severity', { type: 'string', choices: SEVERITIES, describe: 'Only controls at or above this severity', group: 'Selection:' })
      .option('pss-version', {
        type: 'string',
        default: 'latest',
        describe: 'Pod Security Standards policy version: vX.Y or latest',
        group: 'Selection:',
      })
      .option('as-of', {
        type: 'string',
        describe: 'Judge dates (release end of support, backup age) as of this day, YYYY-MM-DD (default: today), for reproducible reports',
        group: 'Selection:',
      })
      .option('check-options', {
        type: 'string',
        describe: 'YAML file of per-check options (check id -> options); see `kaudit checks explain ID`',
        group: 'Selection:',
      })
      .option('exceptions', {
        type: 'string',
        describe: 'YAML file of waivers (reason, owner, expiry); see docs/exceptions.md',
        group: 'Selection:',
      })
      .option('fail-on', {
        type: 'string',
        choices: SEVERITIES,
        describe: 'Exit 1 when a control fails at or above this severity (stderr names them)',
        group: 'Output:',
      })
      .option('fail-on-not-assessed', {
        type: 'boolean',
        describe:
          'Also exit 1 when a control is not-assessed because its data could not be read (at or above --fail-on if given, else any)',
        group: 'Output:',
      })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress lines on stderr', group: 'Output:' })
      .option('cluster-name', {
        type: 'string',
        describe:
          'Name of the cluster in the report, its file names, the Pushgateway group and fleet summaries (default: $KAUDIT_CLUSTER_NAME, else the context; in a pod set it: the context is always inClusterContext)',
        group: 'Output:',
      }),
    // --pss-version is checked by the pipeline (src/pipeline/run-scan.ts), for every caller alike.
  );

/** Progress on a terminal stderr, unless --quiet; nothing otherwise. */
export function progressFor(io: Io, quiet: unknown): Progress {
  return io.errIsTTY && !quiet ? terminalProgress(io.err, io.columns ?? 80) : NO_PROGRESS;
}

/**
 * The collector's events as progress lines; `finish` shows the final counts, which the interval may
 * have skipped when the last pages came fast.
 */
export function readProgress(progress: Progress) {
  const tally = new ReadTally();
  let read = false;
  return {
    onProgress(event: { kind: string; objects: number } | { configz: number; of: number }) {
      if ('kind' in event) tally.page(event.kind, event.objects);
      else tally.kubelet(event.configz, event.of);
      read = true;
      progress.update(tally.line());
    },
    finish() {
      if (read) progress.update(tally.line(), true);
    },
  };
}

export function scanCommand(io: Io, setExit: (code: number) => void) {
  return typedCommand({
    command: 'scan',
    describe: 'Audit a live cluster (or --manifests / --snapshot) and write a report',
    builder: (y) =>
      examples(pushGatewayOptions(fleetScanOptions(deliveryOptions(scanOptions(y)))), [
        ['$0 scan --context prod', 'summary on the terminal: score, sections, failing controls, fixes'],
        ['$0 scan --context prod -f wide', 'the summary and then every finding, one line each'],
        ['$0 scan --context prod -o report.html', 'HTML report (the format follows the extension)'],
        ['$0 scan -o json | jq .summary', 'JSON on stdout, as kubectl -o json'],
        ['$0 scan -f json -f sarif -f junit --output-dir out/', 'several formats under one timestamped name'],
        ['$0 scan --benchmark cis-1.12 --fail-on high', 'CI gate: exit 1 on a high or critical failure (stderr names the controls)'],
        ['helm template ./chart | $0 scan --manifests - -b pss-restricted', 'scan rendered manifests from stdin'],
        ['$0 scan --snapshot prod.json --exceptions waivers.yaml', 'scan a saved snapshot with waivers'],
        [
          '$0 scan --context prod -o report.json --push-gateway http://pushgateway:9091',
          'posture over time in Prometheus: score, counts, status per control',
        ],
        ['$0 scan --all-contexts --output-dir fleet/', 'every kubeconfig context at once: a report per cluster and a fleet summary'],
        [
          '$0 scan --output-dir /reports --keep 12 --post-url https://audit.example.com/kaudit',
          'in the cluster: timestamped reports, a latest copy, retention, a copy sent out',
        ],
      ]),
    handler: async (a) => {
      const log = stderrLog(io.err);
      const args = {
        ...sourceArgs(a),
        benchmark: a.benchmark,
        checks: a.checks,
        skip: a.skip,
        severity: a.severity,
        failOn: a.failOn,
        failOnNotAssessed: a.failOnNotAssessed,
        exceptions: a.exceptions,
        pssVersion: a.pssVersion,
        checkOptions: a.checkOptions,
        asOf: a.asOf,
        clusterName: clusterNameArg(a.clusterName, io.env ?? process.env),
      };
      const delivery = deliveryArgs(a);
      const pushGateway = pushGatewayArg(a);
      const contexts = await fleetContexts(a);
      const fleetOpts = {
        ...delivery,
        pushGateway,
        output: a.output,
        format: a.format?.[0],
        maxClusters: a.maxClusters,
        allowUnreachable: a.allowUnreachable,
      };
      if (contexts) return setExit(await fleetScan(args, contexts, fleetOpts, io, log));
      const flags = outputFlags(a);
      const targets = targetsFor(io, flags);
      checkPostFormats(delivery.post, targets);
      const progress = progressFor(io, a.quiet);
      let outcome;
      try {
        const reading = readProgress(progress);
        const onStage = (text: string) => {
          reading.finish();
          progress.update(text, true);
        };
        outcome = await scanPipeline({ ...args, context: oneContext(a), onProgress: reading.onProgress, onStage }, log);
      } catch (err) {
        progress.done();
        throw err;
      }
      // A report on the terminal must not share its line with progress: erase it first.
      if (targets.some((t) => t.to === 'stdout')) progress.done();
      else progress.update('rendering', true);
      let written;
      try {
        written = await writeOutputs(io, targets, outcome.result, flags, { checks: checkInfo });
      } finally {
        progress.done();
      }
      for (const w of outcome.warnings) log(`warning: ${w}`);
      // --output-dir: a latest copy, --keep, --post-url and the JSON line for log collectors.
      if (flags.outputDir !== undefined) await deliverWritten(written, outcome.result, outcome.exitCode, delivery, io, log);
      if (pushGateway) log(terminalLine(await pushMetrics(outcome.result, pushGateway)));
      const where = writtenLine(written);
      log(`${summaryLine(outcome.result)}${where ? `; ${where}` : ''}`);
      if (outcome.tripped.length) log(trippedLine(outcome.tripped, outcome.failOn));
      setExit(outcome.exitCode);
    },
  });
}
