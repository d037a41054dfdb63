import type { CommandModule } from 'yargs';
import { buildFleet } from '../../fleet/model.js';
import { FLEET_FORMATS, FLEET_RENDERERS, type FleetFormat } from '../../fleet/index.js';
import { readFleetReports } from '../fleet-reports.js';
import { writeReport, type Io } from '../io.js';
import { stderrLog } from '../options.js';

/** The fleet summary from saved JSON reports, e.g. those the CronJobs of many clusters shipped to one place. */
export function fleetReportCommand(io: Io): CommandModule {
  return {
    command: 'fleet <paths..>',
    describe: 'Summarise saved JSON reports of many clusters: score per cluster and profile, partly read clusters, the controls failing in the most clusters, the worst clusters per section',
    builder: (y) =>
      y
        .positional('paths', { type: 'string', array: true, describe: 'JSON reports, or folders searched for them (one folder per cluster works; the newest report of a cluster in a folder is used)' })
        .option('format', { alias: 'f', type: 'string', choices: FLEET_FORMATS, describe: 'Summary format (default: table on a terminal, json otherwise)' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write the summary to this file (default: stdout)' })
        .example('$0 report fleet reports/ -f html -o fleet.html', 'one page for every cluster whose reports are under reports/'),
    handler: async (argv) => {
      const log = stderrLog(io.err);
      const digests = await readFleetReports(argv.paths as string[], log);
      const output = argv.output as string | undefined;
      const format = (argv.format as FleetFormat | undefined) ?? (io.isTTY && !output ? 'table' : 'json');
      await writeReport(io, [FLEET_RENDERERS[format].render(buildFleet(digests))], output);
      if (output) log(`fleet summary written to ${output}`);
    },
  };
}
