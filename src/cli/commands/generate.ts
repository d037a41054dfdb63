import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { KauditError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { generatedFiles } from '../generate.js';
import type { Io } from '../io.js';
import { loadCatalog } from '../registry.js';

/** Hidden developer command behind `npm run generate`. */
export function generateCommand(io: Io): CommandModule {
  return {
    command: 'generate',
    describe: false,
    builder: (y) => y.option('check', { type: 'boolean', describe: 'Only report files that differ' }),
    handler: (argv) => {
      const root = packageRoot();
      const { checks, profiles } = loadCatalog();
      const stale: string[] = [];
      for (const [rel, content] of generatedFiles(root, [...checks.values()], profiles)) {
        const file = join(root, rel);
        if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
        stale.push(rel);
        if (!argv.check) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, content);
        }
      }
      io.err(`kaudit: ${stale.length ? `${argv.check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'generated files are up to date'}\n`);
      if (argv.check && stale.length) throw new KauditError('generated files are stale: run `npm run generate`', 1);
    },
  };
}
