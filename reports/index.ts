/**
 * Report formats by name. The contract: a renderer turns the ScanResult into text chunks, lazily and
 * in order, as a pure function of the ScanResult (and the RenderOptions: terminal width, colour, the
 * checks' catalog). The CLI writes the chunks to stdout or a file with backpressure
 * (src/core/output.ts), so a 300,000-finding report is never one string.
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

const renderer = (extension: string, chunks: (result: ScanResult, options?: RenderOptions) => Iterable<string>, extra: Pick<Renderer, 'aliases' | 'terminal'> = {}): Renderer => ({
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

export type ReportFormat = keyof typeof RENDERERS;
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];
export const isReportFormat = (s: unknown): s is ReportFormat => typeof s === 'string' && Object.hasOwn(RENDERERS, s);

export { FINDINGS_SHOWN } from './shown.js';
export { DEFAULT_TOP, type CheckInfo, type RenderOptions } from './render-options.js';
