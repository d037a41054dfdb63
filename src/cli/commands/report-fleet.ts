import { UsageError } from '../../core/errors.js';
import { buildFleet } from '../../fleet/model.js';
import { FLEET_FORMATS, FLEET_RENDERERS, type FleetFormat } from '../../fleet/index.js';
import { readFleetReports } from '../fleet-reports.js';
import { writeReport, type Io } from '../io.js';
import { stderrLog } from '../options.js';

/** `kaudit report fleet PATH...`: the fleet summary from saved JSON reports, e.g. those the CronJobs of many clusters shipped to one place. */
export async function fleetReport(io: Io, paths: string[], format: string | undefined, output: string | undefined): Promise<void> {
  const log = stderrLog(io.err);
  if (format !== undefined && !(FLEET_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`report fleet: -f ${format}: the fleet summary is written as ${FLEET_FORMATS.join(', ')}`);
  const digests = await readFleetReports(paths, log);
  const chosen = (format as FleetFormat | undefined) ?? (io.isTTY && !output ? 'table' : 'json');
  await writeReport(io, [FLEET_RENDERERS[chosen].render(buildFleet(digests))], output);
  if (output) log(`fleet summary written to ${output}`);
}
