/**
 * Report formats by name. The contract: a renderer turns the ScanResult into text chunks, lazily and
 * in order, as a pure function of the ScanResult (and the RenderOptions: terminal width, colour, the
 * checks' catalog). The CLI writes the chunks to stdout or a file with backpressure
 * (src/io/output.ts), so a 300,000-finding report is never one string.
 * Document formats (pdf) are printed by a browser from the HTML report: bytes, asynchronously.
 */
import type { ScanResult } from '../src/core/result.js';
import { csvChunks } from './csv.js';
import { htmlChunks } from './html.js';
import { jsonReportChunks } from './json.js';
import { junitChunks } from './junit.js';
import { markdownChunks } from './markdown.js';
import { prometheusChunks } from './prometheus.js';
import type { RenderOptions } from './render-options.js';
import { sarifChunks } from './sarif.js';
import { terminalChunks, wideChunks } from './terminal.js';
import { yamlReportChunks } from './yaml.js';
import { pdfChunks } from './pdf.js';

export interface Renderer {
  /** File extension for --output-dir and for choosing the format from -o's extension. */
  extension: string;
  /** Other extensions that choose this format from -o's file name. */
  aliases?: string[];
  /** For a person at a terminal (summary, wide): default output name has .txt. */
  terminal?: boolean;
  chunks(result: ScanResult, options?: RenderOptions): Iterable<string>;
  /** The chunks joined: for small results only (tests, figures); a large report does not fit one string. */
  render(result: ScanResult, options?: RenderOptions): string;
}

const renderer = (
  extension: string,
  chunks: (result: ScanResult, options?: RenderOptions) => Iterable<string>,
  extra: Pick<Renderer, 'aliases' | 'terminal'> = {},
): Renderer => ({
  extension,
  ...extra,
  chunks,
  render: (result, options) => [...chunks(result, options)].join(''),
});

export const RENDERERS = {
  json: renderer('json', jsonReportChunks),
  yaml: renderer('yaml', yamlReportChunks, { aliases: ['yml'] }),
  table: renderer('txt', terminalChunks, { terminal: true }),
  wide: renderer('wide.txt', wideChunks, { terminal: true }),
  html: renderer('html', htmlChunks, { aliases: ['htm'] }),
  junit: renderer('xml', junitChunks, { aliases: ['junit', 'junit.xml'] }),
  sarif: renderer('sarif', sarifChunks, { aliases: ['sarif.json'] }),
  csv: renderer('csv', csvChunks),
  markdown: renderer('md', markdownChunks, { aliases: ['markdown'] }),
  prometheus: renderer('prom', prometheusChunks),
} satisfies Record<string, Renderer>;

/** A format printed from the HTML report by the system's Chromium (reports/pdf.ts). */
export interface DocumentRenderer {
  extension: string;
  aliases?: string[];
  terminal?: undefined;
  chunks(result: ScanResult, options?: RenderOptions): AsyncIterable<Uint8Array>;
}

/** Every format the CLI offers: the text renderers, and pdf. */
export const FORMATS: Record<keyof typeof RENDERERS, Renderer> & { pdf: DocumentRenderer } = {
  ...RENDERERS,
  pdf: { extension: 'pdf', chunks: (result, options) => pdfChunks(result, options) },
};

export type ReportFormat = keyof typeof FORMATS;
export const REPORT_FORMATS = Object.keys(FORMATS) as ReportFormat[];
export const isReportFormat = (s: unknown): s is ReportFormat => typeof s === 'string' && Object.hasOwn(FORMATS, s);
/** What a renderer yields: text chunks, or a document's bytes. */
export type ReportChunks = Iterable<string> | AsyncIterable<Uint8Array>;

export { FINDINGS_SHOWN } from './shown.js';
export { DEFAULT_TOP, type CheckInfo, type RenderOptions } from './render-options.js';
