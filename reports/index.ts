/**
 * Report formats by name. The contract: a renderer turns the ScanResult into text chunks, lazily and
 * in order, as a pure function of the ScanResult. The CLI writes the chunks to stdout or a file with
 * backpressure (src/core/output.ts), so a 300,000-finding report is never one string.
 * Document formats (pdf) are printed by a browser from the HTML report: bytes, asynchronously.
 */
import type { ScanResult } from '../src/core/result.js';
import { htmlChunks } from './html.js';
import { jsonReportChunks } from './json.js';
import { pdfChunks } from './pdf.js';
import { tableChunks } from './table.js';

export interface Renderer {
  /** File extension for --output-dir. */
  extension: string;
  chunks(result: ScanResult): Iterable<string>;
  /** The chunks joined: for small results only (tests, figures); a large report does not fit one string. */
  render(result: ScanResult): string;
}

const renderer = (extension: string, chunks: (result: ScanResult) => Iterable<string>): Renderer => ({
  extension,
  chunks,
  render: (result) => [...chunks(result)].join(''),
});

export const RENDERERS = {
  json: renderer('json', jsonReportChunks),
  table: renderer('txt', tableChunks),
  html: renderer('html', htmlChunks),
} satisfies Record<string, Renderer>;

/** A format printed from the HTML report by the system's Chromium (reports/pdf.ts). */
export interface DocumentRenderer {
  extension: string;
  chunks(result: ScanResult): AsyncIterable<Uint8Array>;
}

/** Every format the CLI offers: the text renderers, and pdf. */
export const FORMATS = {
  ...RENDERERS,
  pdf: { extension: 'pdf', chunks: pdfChunks } satisfies DocumentRenderer,
};

export type ReportFormat = keyof typeof FORMATS;
export const REPORT_FORMATS = Object.keys(FORMATS) as ReportFormat[];
/** What a renderer yields: text chunks, or a document's bytes. */
export type ReportChunks = Iterable<string> | AsyncIterable<Uint8Array>;

export { FINDINGS_SHOWN } from './shown.js';
