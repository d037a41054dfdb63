/**
 * Saved JSON reports → fleet digests (`kaudit report fleet DIR|FILE...`). Directories are walked for
 * *.json reports (the fleet summary fleet.json is skipped). Reports in one folder with the same
 * context and server are one cluster's history (retention, `latest` copy): the newest is kept.
 * The cluster is named by its --cluster-name, else its kubeconfig context; in-cluster and offline
 * reports without a cluster name by their folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { readProblem, UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import { digestReport, type ClusterDigest } from '../fleet/model.js';
import { readReport } from './report-read.js';

/** The fleet summary's own file name under --output-dir; never read back as a report. */
export const FLEET_SUMMARY_BASE = 'fleet';
/** client-node names the service-account context so: it says nothing about which cluster it is. */
const IN_CLUSTER_CONTEXT = 'inClusterContext';

interface Found {
  file: string;
  /** The folder the file is in, relative to the argument that named it ('' for the argument itself). */
  folder: string;
  /** A name for the cluster when its report does not carry one: the folder's (or the file's) name. */
  fallbackName: string;
}

function reportFiles(paths: string[]): Found[] {
  const found: Found[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      throw new UsageError(`report fleet ${path}: ${readProblem(err)}`);
    }
    if (!isDir) {
      found.push({ file: path, folder: resolve(dirname(path)), fallbackName: basename(path, '.json') });
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.json') || entry.name === `${FLEET_SUMMARY_BASE}.json`) continue;
      const folder = relative(path, entry.parentPath);
      found.push({
        file: join(entry.parentPath, entry.name),
        folder: resolve(entry.parentPath),
        fallbackName: folder || basename(resolve(path)),
      });
    }
  }
  if (!found.length) throw new UsageError(`report fleet ${paths.join(' ')}: no JSON report found`);
  return found;
}

/** Reads every report (one at a time: only its digest is kept) and names each cluster once. */
export async function readFleetReports(paths: string[], log: (line: string) => void): Promise<ClusterDigest[]> {
  const newest = new Map<string, { name: string; folder: string; at: string; digest: (name: string) => ClusterDigest }>();
  for (const f of reportFiles(paths)) {
    const result: ScanResult = await readReport(f.file);
    const src = result.scan.source;
    const named = result.scan.clusterName ?? (src.context && src.context !== IN_CLUSTER_CONTEXT ? src.context : undefined);
    const key = JSON.stringify([f.folder, named ?? '', src.server ?? '']);
    const seen = newest.get(key);
    if (seen && seen.at >= result.scan.finishedAt) continue;
    const digest = digestReport('', result, { report: f.file });
    newest.set(key, {
      name: named ?? f.fallbackName,
      folder: f.folder,
      at: result.scan.finishedAt,
      digest: (name) => ({ ...digest, cluster: name }),
    });
  }
  const clusters = [...newest.values()];
  const taken = new Map<string, number>();
  for (const c of clusters) taken.set(c.name, (taken.get(c.name) ?? 0) + 1);
  // Two clusters with one name (the same context in two folders): the folder tells them apart.
  const digests = clusters.map((c) =>
    c.digest((taken.get(c.name) ?? 0) > 1 ? `${c.name} (${relative(process.cwd(), c.folder) || '.'})` : c.name),
  );
  log(`fleet: ${digests.length} ${digests.length === 1 ? 'cluster' : 'clusters'} from saved reports`);
  return digests;
}
