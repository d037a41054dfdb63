import { jsonChunks } from '../src/core/json-write.js';
import type { ScanResult } from '../src/core/result.js';

/**
 * JSON report v1 (docs/report-schema.json): the ScanResult as is, the text of
 * JSON.stringify(result, null, 2) written one finding at a time (controls[].findings[] is where a
 * large scan's size is).
 */
export function* jsonReportChunks(result: ScanResult): Generator<string> {
  yield* jsonChunks(result, { indent: 2, depth: 4 });
  yield '\n';
}
