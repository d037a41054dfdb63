/**
 * The report digest: sha256 of the JSON report (v1) of the same ScanResult, as kaudit writes it
 * (`--format json`, or `kaudit report FILE -f json`, byte for byte the same). A filed HTML or PDF is
 * matched to its evidence with `sha256sum report.json`. Hashed chunk by chunk, never one string.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../../src/core/result.js';
import { jsonReportChunks } from '../json.js';

export function reportDigest(result: ScanResult): string {
  const hash = createHash('sha256');
  for (const chunk of jsonReportChunks(result)) hash.update(chunk, 'utf8');
  return hash.digest('hex');
}
