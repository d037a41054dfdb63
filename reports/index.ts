/** Report formats by name. Each renderer is a pure function of the ScanResult. */
import type { ScanResult } from '../src/core/result.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

export interface Renderer {
  /** File extension for --output-dir. */
  extension: string;
  render(result: ScanResult): string;
}

export const RENDERERS = {
  json: { extension: 'json', render: renderJson },
  table: { extension: 'txt', render: renderTable },
  html: { extension: 'html', render: renderHtml },
} satisfies Record<string, Renderer>;

export type ReportFormat = keyof typeof RENDERERS;
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];
