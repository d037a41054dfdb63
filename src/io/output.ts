/**
 * Writing text chunks to a stream or file with backpressure: chunks are batched to about 64 KiB and
 * the writer waits for 'drain' whenever the stream asks to, so a large report or snapshot is never
 * one string and a slow reader paces the writer.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { UsageError } from '../core/errors.js';

/** stdout went away (EPIPE: `kaudit scan | head`): the reader wanted no more, which is not a failure. */
export class OutputClosed extends Error {
  constructor() {
    super('output closed by the reader');
    this.name = 'OutputClosed';
  }
}

const BATCH = 64 * 1024;

/**
 * Writes the chunks to the stream in batches of about 64 KiB, waiting for 'drain' whenever write()
 * returns false. Rejects with the stream's error, or OutputClosed on EPIPE (after which nothing
 * more is written). Does not end the stream.
 */
export async function writeChunks(chunks: Iterable<string>, stream: Writable): Promise<void> {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (err: NodeJS.ErrnoException) => {
    failure = err.code === 'EPIPE' ? new OutputClosed() : err;
    wake?.();
  };
  const onDrain = () => wake?.();
  stream.on('error', onError);
  stream.on('drain', onDrain);
  const waitDrain = () => new Promise<void>((resolve) => (wake = resolve));
  const flush = async (text: string) => {
    if (failure) throw failure;
    if (!stream.write(text)) await waitDrain();
    if (failure) throw failure;
  };
  try {
    let batch = '';
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= BATCH) {
        await flush(batch);
        batch = '';
      }
    }
    if (batch) await flush(batch);
    // A synchronous write (pipes, files on Linux) reports EPIPE on the next tick: give it that tick.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (failure) throw failure;
  } finally {
    stream.off('drain', onDrain);
    // Keep swallowing a late EPIPE: without a listener it would be an uncaught 'error' event.
    if (failure instanceof OutputClosed) stream.on('error', () => undefined);
    stream.off('error', onError);
  }
}

/** Streams the chunks into a new file; a failure is one line naming the flag and the file (exit 2). */
export async function writeFileChunks(file: string, chunks: Iterable<string>, flag: string): Promise<void> {
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open');
    await writeChunks(chunks, stream);
    stream.end();
    await once(stream, 'finish');
  } catch (err) {
    stream.destroy();
    throw new UsageError(`${flag} ${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
