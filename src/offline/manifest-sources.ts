/**
 * What --manifests names, resolved before anything is read: regular files, directories walked in
 * sorted order (their .yaml, .yml and .json files), and `-` for stdin. Devices, FIFOs and sockets
 * are refused: they can be endless (/dev/zero) or block forever; stdin is the way to pipe.
 */
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { readProblem, UsageError } from '../core/errors.js';
import { PIECE_CHARS } from './manifest-limits.js';

export interface ManifestSource {
  /** The path as given or found, or '<stdin>'. */
  name: string;
  /** Undefined for stdin. */
  path?: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export function manifestSources(paths: string[]): ManifestSource[] {
  const sources: ManifestSource[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push({ name: STDIN_NAME });
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      throw new UsageError(
        `manifests ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : readProblem(e)}`,
      );
    }
    if (stat.isDirectory()) {
      const files = walk(path);
      if (!files.length) throw new UsageError(`manifests ${path}: directory holds no .yaml, .yml or .json file`);
      sources.push(...files.map((f) => ({ name: f, path: f })));
    } else {
      refuseSpecial(path, stat);
      sources.push({ name: path, path });
    }
  }
  return sources;
}

/** The manifest files under `dir`, sorted by name at each level; symlinked directories are not followed. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      if (!MANIFEST_FILE.test(e.name)) return [];
      refuseSpecial(path, statSync(path, { throwIfNoEntry: false }));
      return [path];
    });
}

function refuseSpecial(path: string, stat: Stats | undefined): void {
  if (stat?.isFile()) return;
  const what = !stat
    ? 'a broken link'
    : stat.isDirectory()
      ? 'a directory reached through a link'
      : stat.isFIFO()
        ? 'a FIFO'
        : stat.isSocket()
          ? 'a socket'
          : stat.isCharacterDevice()
            ? 'a character device'
            : stat.isBlockDevice()
              ? 'a block device'
              : 'an unknown kind of file';
  throw new UsageError(`manifests ${path}: not a regular file (${what}); pipe other input to --manifests -`);
}

/** How stdin is named in warnings and errors. */
export const STDIN_NAME = '<stdin>';

/** The text of a source in chunks of about PIECE_CHARS (UTF-8; stdin arrives in whatever chunks the pipe gives). */
export async function* sourceText(source: ManifestSource, stdin: NodeJS.ReadableStream): AsyncGenerator<string> {
  const stream =
    source.path === undefined ? stdin.setEncoding('utf8') : createReadStream(source.path, { encoding: 'utf8', highWaterMark: PIECE_CHARS });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (e) {
    throw new UsageError(`manifests ${source.name}: ${readProblem(e)}`);
  }
}
