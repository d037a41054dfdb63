/**
 * The report digest: sha256 of the JSON report (v1) the HTML (or PDF) names, byte for byte as it is
 * on disk, so a filed copy is matched to its evidence with `sha256sum report.json`. The HTML never
 * renders the JSON again to hash it (that cost more than the HTML itself at 20,000 pods): the CLI
 * hashes the JSON chunks as it writes them in the same run (`hashedChunks`), or the bytes of the
 * file `kaudit report FILE.json` reads. Without a JSON report the HTML says that none was written.
 */
import { createHash } from 'node:crypto';

/** The JSON report an HTML document names: its sha256 and where it was written (undefined: stdout). */
export interface JsonDigest {
  sha256: string;
  file?: string;
}

/** The chunks, unchanged, hashed as they pass; `done` gets the hex sha256 after the last one. */
export function* hashedChunks(chunks: Iterable<string>, done: (sha256: string) => void): Generator<string> {
  const hash = createHash('sha256');
  for (const chunk of chunks) {
    hash.update(chunk, 'utf8');
    yield chunk;
  }
  done(hash.digest('hex'));
}
