/**
 * Reports kept under --output-dir: each run writes `kaudit-<cluster>-<UTC timestamp>.<ext>` (in a
 * fleet's per-cluster folder `kaudit-<UTC timestamp>.<ext>`) and copies it to
 * `kaudit-<cluster>-latest.<ext>` (`kaudit-latest.<ext>`), so clusters sharing a folder keep their own
 * latest copy; --keep N then removes all but the N newest timestamped reports of that cluster. The
 * copy (not a symlink) survives volumes and `kubectl cp`, which do not follow links.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeFileChunks } from '../io/output.js';

export const REPORT_BASE = 'kaudit';
/** `kaudit-<time>.<ext>` (a fleet's per-cluster folders) or `kaudit-<context>-<time>.<ext>` (--output-dir): the extension captured. */
const STAMPED = new RegExp(`^${REPORT_BASE}-(?:(.+)-)?(\\d{8}T\\d{6}Z)\\.(.+)$`);

/**
 * A context or cluster name as one part of a file or folder name: letters, digits, `.`, `_` and `-`
 * are kept, anything else becomes `_`. When that changed the name, 8 hex digits of its SHA-256 are
 * appended, so `a/b`, `a:b` and `a_b` stay three names (and three folders) instead of one.
 */
export function fileSafeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';
  return clean === name ? clean : `${clean}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

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

export async function saveReport(
  dir: string,
  startedAt: string,
  extension: string,
  chunks: Iterable<string>,
  keep?: number,
): Promise<SavedReport> {
  ensureOutputDir(dir);
  const file = join(dir, `${REPORT_BASE}-${fileStamp(startedAt)}.${extension}`);
  await writeFileChunks(file, chunks, '--output-dir');
  return { file, ...keepLatest(file, keep) };
}

/** A timestamped report just written: copied to `kaudit-<cluster>-latest.<ext>` (`kaudit-latest.<ext>` when its name has no cluster), and only the `keep` newest of its cluster and extension left. */
export function keepLatest(file: string, keep?: number): Omit<SavedReport, 'file'> {
  const dir = dirname(file);
  const [, context, , extension] = STAMPED.exec(basename(file)) ?? [];
  if (extension === undefined) throw new Error(`${file} is not a timestamped report name`);
  const latest = join(dir, `${REPORT_BASE}-${context === undefined ? '' : `${context}-`}latest.${extension}`);
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
