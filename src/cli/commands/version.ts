import { toolVersion } from '../../io/package-root.js';
import { REPORT_VERSION } from '../../core/result.js';
import type { Io } from '../io.js';
import { typedCommand } from '../options.js';
import { isJsonOutput, structuredOutput } from '../structured-output.js';

/** `kaudit version` (as `kubectl version`): the tool, the report contract and the runtime. */
export function versionCommand(io: Io) {
  return typedCommand({
    command: 'version',
    describe: 'Show the kaudit version, the JSON report version and the Node.js runtime',
    builder: (y) => structuredOutput(y).example('$0 version -o json', 'for scripts'),
    handler: (argv) => {
      const info = {
        kaudit: toolVersion(),
        reportVersion: REPORT_VERSION,
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
      };
      if (isJsonOutput(argv)) return io.out(JSON.stringify(info, null, 2) + '\n');
      io.out(
        `kaudit ${info.kaudit} (JSON report version ${info.reportVersion}) on Node.js ${info.node.replace(/^v/, '')} ${info.platform}\n`,
      );
    },
  });
}
