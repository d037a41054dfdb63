import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { KauditError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import type { AnyCheck } from '../../core/check.js';
import { checkFileIds, generatedFiles } from '../generate.js';
import type { Io } from '../io.js';

/** Every check file in checks/, imported from the build (dist/checks/ID.js). */
async function checksFromFiles(root: string): Promise<AnyCheck[]> {
  const built = new URL('../../../checks/', import.meta.url);
  return Promise.all(
    checkFileIds(join(root, 'checks')).map(async (id) => {
      const file = new URL(`${id}.js`, built);
      if (!existsSync(file)) throw new KauditError(`checks/${id}.ts is not built: run \`npm run generate\` (it builds first)`, 2);
      const mod = (await import(file.href)) as { default?: AnyCheck };
      if (mod.default?.meta?.id !== id) throw new KauditError(`checks/${id}.ts must export default a check whose id is "${id}"`, 2);
      return mod.default;
    }),
  );
}

/** Hidden developer command behind `npm run generate`. */
export function generateCommand(io: Io): CommandModule {
  return {
    command: 'generate',
    describe: false,
    builder: (y) => y.option('check', { type: 'boolean', describe: 'Only report files that differ' }),
    handler: async (argv) => {
      const root = packageRoot();
      // The checks are loaded from their own compiled files, not through the registry, so one build
      // is enough even when checks/index.ts is about to change.
      const { catalogOf } = await import('../registry.js');
      const { checks, profiles } = catalogOf(await checksFromFiles(root));
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
