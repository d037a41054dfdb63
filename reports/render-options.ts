/**
 * What a renderer may be told besides the ScanResult: the terminal it writes to and what the CLI
 * knows about the checks. Renderers stay pure functions of (ScanResult, RenderOptions).
 */
import type { CheckMeta } from '../src/core/check.js';
import type { JsonDigest } from './html/digest.js';

/** What the catalog says about a check, for formats that describe rules (SARIF). */
export type CheckInfo = Pick<CheckMeta, 'title' | 'description' | 'severity' | 'remediation' | 'references'>;

export interface RenderOptions {
  /** Terminal width for the summary (process.stdout.columns); 80 when unknown. */
  columns?: number;
  /** ANSI colour: only on a terminal, never with NO_COLOR or --no-color (the CLI decides). */
  color?: boolean;
  /** Affected objects shown per failing control in the summary and markdown (--top). */
  top?: number;
  /** The table format lists every finding after the summary (--details; the wide format). */
  details?: boolean;
  /** Where the full report is, for the summary's last line (e.g. "kaudit scan -f wide"). */
  fullReportHint?: string;
  /** The checks' catalog entries, when the CLI has them: SARIF rules carry each check's own text. */
  checks?: ReadonlyMap<string, CheckInfo>;
  /**
   * html, pdf: the JSON report of the same result written in the same run (or the file `kaudit
   * report` read), whose sha256 the cover carries. Absent: the cover says no JSON report was written.
   */
  jsonReport?: JsonDigest;
}

export const DEFAULT_COLUMNS = 80;
export const DEFAULT_TOP = 5;
