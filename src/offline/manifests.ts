/**
 * Manifests (files, directories, stdin; multi-document YAML or JSON; *List kinds unwrapped) to an
 * Inventory, so a chart's rendered output is scanned like a cluster. Inputs are read as streams of
 * documents (manifest-reader.ts): each document is parsed, sanitized and kept, and its text released
 * before the next, so memory follows the Inventory, not the size of the text.
 */
import { readFileSync } from 'node:fs';
import { ManifestInventory, type LoadedManifests } from './manifest-inventory.js';
import { ManifestReader } from './manifest-reader.js';
import { manifestSources, sourceText } from './manifest-sources.js';
import type { DefaultingOptions } from './defaults.js';

export { finishOffline, KUBELET_NODE_ANNOTATION, type LoadedManifests } from './manifest-inventory.js';

export interface ManifestInput {
  /** File path, or '<stdin>'. */
  name: string;
  text: string;
}

/** Reads paths (files, directories recursively, '-' for stdin) as streams: what the CLI uses. */
export async function loadManifests(
  paths: string[],
  stdin: NodeJS.ReadableStream = process.stdin,
  opts: Partial<DefaultingOptions> = {},
): Promise<LoadedManifests> {
  const sources = manifestSources(paths);
  const sink = new ManifestInventory(
    sources.map((s) => s.name),
    opts,
  );
  for (const source of sources) {
    const reader = new ManifestReader(source.name, sink);
    for await (const chunk of sourceText(source, stdin)) reader.push(chunk);
    reader.end();
  }
  return sink.finish();
}

/** Texts already in memory (tests, the check tester) to an Inventory, read the same way. */
export function inventoryFromManifests(inputs: ManifestInput[], opts: Partial<DefaultingOptions> = {}): LoadedManifests {
  const sink = new ManifestInventory(
    inputs.map((i) => i.name),
    opts,
  );
  for (const input of inputs) {
    const reader = new ManifestReader(input.name, sink);
    reader.push(input.text);
    reader.end();
  }
  return sink.finish();
}

/** Reads small bundled inputs (the demo cluster) whole, synchronously; paths resolve as for loadManifests. */
export function readManifestInputs(paths: string[], readStdin: () => string = () => readFileSync(0, 'utf8')): ManifestInput[] {
  return manifestSources(paths).map((s) => ({ name: s.name, text: s.path === undefined ? readStdin() : readFileSync(s.path, 'utf8') }));
}
