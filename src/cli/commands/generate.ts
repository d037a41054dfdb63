import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { KauditError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { generatedFiles, REGISTRY_FILE, registryFile } from '../generate.js';
import type { Io } from '../io.js';

/** Hidden developer command behind `npm run generate`. */
export function generateCommand(io: Io): CommandModule {
  return {
    command: 'generate',
    describe: false,
    builder: (y) => y.option('check', { type: 'boolean', describe: 'Only report files that differ' }),
    handler: async (argv) => {
      const root = packageRoot();
      const registry = join(root, REGISTRY_FILE);
      if (!argv.check && (!existsSync(registry) || readFileSync(registry, 'utf8') !== registryFile(root))) {
        // The running build has the old registry: write the new one and let `npm run generate` rebuild and come back for the docs.
        writeFileSync(registry, registryFile(root));
        io.err(`kaudit: wrote ${REGISTRY_FILE}; build and run generate again for the docs\n`);
        return;
      }
      const { loadCatalog } = await import('../registry.js');
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
