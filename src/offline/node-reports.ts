/**
 * `--node-report FILE...`: node reports written by `kaudit node -o FILE` (or copied from an agent's
 * log), validated against docs/node-report-schema.json as they are read. A file that is not a node
 * report is bad input (exit 2) naming the file and the problem; the same node twice keeps the newest.
 */
import { readProblem, UsageError } from '../core/errors.js';
import { MAX_NODE_REPORT_BYTES, newestPerNode, parseNodeReportText, type NodeReport } from '../core/node-report.js';
import { readFileBounded } from '../io/read-bounded.js';

export function readNodeReportFiles(files: string[]): NodeReport[] {
  return newestPerNode(files.map(readNodeReportFile));
}

function readNodeReportFile(file: string): NodeReport {
  let text: string;
  try {
    text = readFileBounded(file, MAX_NODE_REPORT_BYTES);
  } catch (err) {
    const tooLarge = (err as NodeJS.ErrnoException).code === 'EFBIG';
    throw new UsageError(
      `node report ${file}: ${tooLarge ? `larger than ${MAX_NODE_REPORT_BYTES / 2 ** 20} MiB, not a node report` : readProblem(err)}`,
    );
  }
  const parsed = parseNodeReportText(text);
  if ('problem' in parsed) throw new UsageError(`node report ${file}: ${parsed.problem}`);
  return parsed.report;
}
