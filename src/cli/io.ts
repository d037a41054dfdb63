import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { ReportChunks } from '../../reports/index.js';
import { UsageError } from '../core/errors.js';
import { OutputClosed, writeChunks, writeFileChunks } from '../io/output.js';
import { terminalLine } from '../core/terminal-text.js';

/** Where commands write; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: reports default to the table format there. */
  isTTY?: boolean;
  /** The stream behind out(), when there is one: reports are streamed to it with backpressure. */
  stdout?: Writable;
  /** stdout's width in columns when it is a terminal (the summary fits it; help wraps to it). */
  columns?: number;
  /** stderr is a terminal: progress lines are shown there, and only there. */
  errIsTTY?: boolean;
  /** The environment, for NO_COLOR (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** One line, prefixed, never a stack; messages may quote cluster data: no control characters, no URL password. */
export const errorLine = (message: string): string => `kaudit: ${terminalLine(message.replace(/\s*\n\s*/g, ' ')).trim()}\n`;

/** A stack for --debug: it starts with the message, so it is cleaned line by line like one. */
export const stackText = (stack: string): string => stack.split('\n').map(terminalLine).join('\n') + '\n';

/**
 * Writes a report's chunks to --output or to stdout. A reader that closes stdout early
 * (`kaudit scan | head`) is not an error: writing stops and the command ends as it would have.
 */
export async function writeReport(io: Io, chunks: ReportChunks, output: string | undefined): Promise<void> {
  if (Symbol.asyncIterator in chunks) return writeDocument(io, chunks, output);
  if (output) return writeFileChunks(output, chunks, '--output');
  if (!io.stdout) {
    for (const chunk of chunks) io.out(chunk);
    return;
  }
  try {
    await writeChunks(chunks, io.stdout);
  } catch (err) {
    if (err instanceof OutputClosed) return;
    throw new UsageError(`stdout: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** A document format's bytes (pdf): to --output, or to stdout when it is not a terminal. */
async function writeDocument(io: Io, chunks: AsyncIterable<Uint8Array>, output: string | undefined): Promise<void> {
  if (!output && (io.isTTY || !io.stdout))
    throw new UsageError('a PDF is not written to a terminal: give --output FILE (or redirect stdout)');
  const parts: Uint8Array[] = [];
  for await (const part of chunks) parts.push(part);
  if (output) {
    try {
      await writeFile(output, parts);
    } catch (err) {
      throw new UsageError(`--output ${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    return;
  }
  for (const part of parts) if (!io.stdout!.write(part)) await new Promise((resolve) => io.stdout!.once('drain', resolve));
}
