/**
 * `npm run generate`: writes checks/index.ts (the registry, from the file names in checks/) and the
 * generated docs (docs/checks/, docs/benchmarks/) and src/core/node-report-schema.ts straight from the TypeScript sources through tsx,
 * so adding or removing a check needs no build first. `--check` only lists what is stale (exit 1).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyCheck } from '../src/core/check.js';
import { checkFileIds, generatedFiles } from '../src/pipeline/generate.js';
import { shippedProfilesFor } from '../src/profiles/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');

async function checkFromFile(id: string): Promise<AnyCheck> {
  const mod = (await import(pathToFileURL(join(root, 'checks', `${id}.ts`)).href)) as { default?: AnyCheck };
  if (mod.default?.meta?.id !== id) throw new Error(`checks/${id}.ts must \`export default\` a check whose id is "${id}"`);
  return mod.default;
}

try {
  const checks = await Promise.all(checkFileIds(join(root, 'checks')).map(checkFromFile));
  const stale: string[] = [];
  for (const [rel, content] of generatedFiles(root, checks, shippedProfilesFor(checks.map((c) => c.meta.id)))) {
    const file = join(root, rel);
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    stale.push(rel);
    if (checkOnly) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  process.stderr.write(
    `generate: ${stale.length ? `${checkOnly ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'generated files are up to date'}\n`,
  );
  process.exitCode = checkOnly && stale.length ? 1 : 0;
} catch (e) {
  process.stderr.write(`generate: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
