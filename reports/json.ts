import type { ScanResult } from '../src/core/result.js';

/** JSON report v1 (docs/report-schema.json): the ScanResult as is. */
export const renderJson = (result: ScanResult): string => JSON.stringify(result, null, 2) + '\n';
