/**
 * --check-options FILE: per-check option values (YAML: check id -> options), validated against each
 * check's JSON schema before anything is read from the cluster. Unknown ids, checks without
 * options and invalid values are bad input (exit 2), never silently ignored.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AnyCheck } from '../core/check.js';
import { readProblem, UsageError } from '../core/errors.js';

export type CheckOptions = Record<string, Record<string, unknown>>;

export async function loadCheckOptions(file: string, registry: ReadonlyMap<string, AnyCheck>): Promise<CheckOptions> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`check options ${file}: ${readProblem(err)}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsageError(`check options ${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return validateCheckOptions(file, doc ?? {}, registry);
}

export async function validateCheckOptions(file: string, doc: unknown, registry: ReadonlyMap<string, AnyCheck>): Promise<CheckOptions> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new UsageError(`check options ${file}: expected a mapping of check id to options`);
  // ajv is only needed here, so it is loaded only when options are given.
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const result: CheckOptions = {};
  for (const [id, options] of Object.entries(doc)) {
    const check = registry.get(id);
    if (!check) throw new UsageError(`check options ${file}: unknown check id "${id}" (see \`kaudit checks\`)`);
    const schema = check.meta.options?.schema;
    if (!schema) throw new UsageError(`check options ${file}: check ${id} has no options`);
    if (typeof options !== 'object' || options === null || Array.isArray(options))
      throw new UsageError(`check options ${file}: ${id}: expected a mapping of option names to values`);
    const validate = ajv.compile(schema);
    if (!validate(options)) {
      const first = validate.errors?.[0];
      const where =
        first?.instancePath || (first?.params && 'additionalProperty' in first.params ? `/${String(first.params.additionalProperty)}` : '');
      const known = Object.keys(check.meta.options?.defaults ?? {}).join(', ');
      throw new UsageError(`check options ${file}: ${id}${where}: ${first?.message ?? 'invalid'} (options: ${known})`);
    }
    result[id] = options as Record<string, unknown>;
  }
  return result;
}
