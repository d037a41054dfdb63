/**
 * Reports kept under --output-dir: each run writes `kaudit-<UTC timestamp>.<ext>` and copies it to
 * `kaudit-latest.<ext>`; --keep N then removes all but the N newest timestamped reports. The copy
 * (not a symlink) survives volumes and `kubectl cp`, which do not follow links.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeFileChunks } from '../io/output.js';

export const REPORT_BASE = 'kaudit';
/** `kaudit-<time>.<ext>` (a fleet's per-cluster folders) or `kaudit-<context>-<time>.<ext>` (--output-dir): the extension captured. */
const STAMPED = new RegExp(`^${REPORT_BASE}-(?:(.+)-)?(\\d{8}T\\d{6}Z)\\.(.+)$`);

/** 2026-12-07T04:16:27.123Z → 20261207T041627Z: sortable as text, valid in every file system. */
export const fileStamp = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

export interface SavedReport {
  file: string;
  latest: string;
  removed: string[];
}

/** Creates --output-dir (and parents); a failure is one line (exit 2). */
export function ensureOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--output-dir ${dir}: cannot create (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export async function saveReport(dir: string, startedAt: string, extension: string, chunks: Iterable<string>, keep?: number): Promise<SavedReport> {
  ensureOutputDir(dir);
  const file = join(dir, `${REPORT_BASE}-${fileStamp(startedAt)}.${extension}`);
  await writeFileChunks(file, chunks, '--output-dir');
  return { file, ...keepLatest(file, keep) };
}

/** A timestamped report just written: copied to `kaudit-latest.<ext>`, and only the `keep` newest of its extension left. */
export function keepLatest(file: string, keep?: number): Omit<SavedReport, 'file'> {
  const dir = dirname(file);
  const [, context, , extension] = STAMPED.exec(basename(file)) ?? [];
  if (extension === undefined) throw new Error(`${file} is not a timestamped report name`);
  const latest = join(dir, `${REPORT_BASE}-latest.${extension}`);
  copyFileSync(file, latest);
  const removed: string[] = [];
  if (keep !== undefined) {
    // This context's reports (and context-less ones of older versions), oldest first by their time;
    // another context writing to the same folder keeps its own.
    const stamped = readdirSync(dir)
      .map((f) => [f, STAMPED.exec(f)] as const)
      .filter(([, m]) => m !== null && m[3] === extension && (m[1] === undefined || m[1] === context))
      .sort(([, a], [, b]) => (a?.[2] ?? '').localeCompare(b?.[2] ?? ''))
      .map(([f]) => f);
    for (const old of stamped.slice(0, Math.max(0, stamped.length - keep))) {
      rmSync(join(dir, old), { force: true });
      removed.push(join(dir, old));
    }
  }
  return { latest, removed };
}
