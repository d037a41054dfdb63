/** Validates JSON reports against docs/report-schema.json: every report a test produces goes through it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../../src/io/package-root.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), 'docs', 'report-schema.json'), 'utf8')));

/** Parses a JSON report and throws with the schema errors when it does not conform. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function validReport<T = any>(text: string): T {
  const report: T = JSON.parse(text);
  if (!validate(report)) throw new Error(`report does not match docs/report-schema.json: ${ajv.errorsText(validate.errors)}`);
  return report;
}
