/** Reading a saved JSON report: streamed, checked against the report schema. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { readJsonInput } from '../io/json-read.js';
import { packageRoot } from '../io/package-root.js';
import { REPORT_VERSION, type ScanResult } from '../core/result.js';

let compiled: ValidateFunction | undefined;

/** docs/report-schema.json, compiled once: `report fleet` reads one report per cluster. */
async function reportValidator(): Promise<ValidateFunction> {
  const { Ajv } = await import('ajv');
  compiled ??= new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(
    JSON.parse(readFileSync(join(packageRoot(), 'docs', 'report-schema.json'), 'utf8')) as object,
  );
  return compiled;
}

/** Largest single value read whole: a finding, a summary, a coverage list (controls and their findings are read one by one). */
const MAX_REPORT_VALUE_BYTES = 64 * 1024 * 1024;

/**
 * A JSON report, validated against docs/report-schema.json (the contract), or one line saying why
 * not. Read in chunks, one finding at a time, so a 300,000-finding report is never one string.
 */
export async function readReport(file: string): Promise<ScanResult> {
  const notAReport = (version: unknown): never => {
    throw new UsageError(
      `report ${file}: not a kaudit JSON report of version ${REPORT_VERSION} (reportVersion is ${JSON.stringify(version)})`,
    );
  };
  const doc = readJsonInput('report', file, {
    maxValueBytes: MAX_REPORT_VALUE_BYTES,
    // The root, controls[], each control and its findings[] are walked; everything else is parsed whole.
    descend: (path, type) =>
      type === 'object'
        ? path.length === 0 || (path.length === 2 && path[0] === 'controls')
        : path.length === 1
          ? path[0] === 'controls'
          : path.length === 3 && path[2] === 'findings',
    onValue: (path, value) => {
      if (path.length === 1 && path[0] === 'reportVersion' && value !== REPORT_VERSION) notAReport(value);
      return value;
    },
  }) as { reportVersion?: unknown };
  if (doc?.reportVersion !== REPORT_VERSION) notAReport(doc?.reportVersion);
  const validate = await reportValidator();
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    throw new UsageError(`report ${file}: does not match the report schema at ${e?.instancePath || '/'}: ${e?.message ?? 'invalid'}`);
  }
  return doc as unknown as ScanResult;
}

/** sha256 of a file's bytes, read as a stream: the report digest of the HTML rendered from it. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
