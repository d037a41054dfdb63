/**
 * Stat (never read) the files of the layout under the host root: type, permission bits, owner and
 * group with their names from the host's /etc/passwd and /etc/group (names only: those files hold
 * no credential on a shadowed system, and nothing else of them is kept). Directories the benchmark
 * names as a whole (PKI, CNI) are listed, bounded in depth and count.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { FileRole, NodeFile, NodeProblem } from '../core/node-report.js';
import { DIRECTORY_CHILDREN, type RoleLayout } from './layout.js';

/** Defaults stated only when they exist: etcd may run elsewhere, kube-proxy may have no host kubeconfig. */
const OPTIONAL_DEFAULTS: readonly FileRole[] = ['etcd-manifest', 'etcd-data-dir', 'proxy-kubeconfig', 'kubelet-config'];
const MAX_DIRECTORY_ENTRIES = 2000;
const MAX_DEPTH = 3;

export interface HostFiles {
  files: NodeFile[];
  problems: NodeProblem[];
}

/** The host path as this process sees it. */
export const onHost = (hostRoot: string, path: string): string => join(hostRoot, path);

export function statLayout(hostRoot: string, layout: RoleLayout[]): HostFiles {
  const names = ownerNames(hostRoot);
  const out: HostFiles = { files: [], problems: [] };
  for (const { role, candidates, all } of layout) {
    const fromDefaults = candidates.every((c) => c.source.endsWith(' default'));
    const seen = candidates.map((c) => ({ c, stat: statOf(hostRoot, c.path) }));
    let chosen = seen.filter((s) => s.stat.stats);
    if (!all) chosen = chosen.slice(0, 1);
    if (!chosen.length) {
      const first = seen[0];
      if (!first) continue; // a role without a candidate path: nothing to look at
      if (first.stat.error && first.stat.error !== 'ENOENT' && first.stat.error !== 'ENOTDIR') {
        out.problems.push({ what: role, path: first.c.path, reason: `cannot stat (${first.stat.error})` });
      } else if (!(fromDefaults && OPTIONAL_DEFAULTS.includes(role))) {
        out.files.push({ role, path: first.c.path, source: first.c.source, exists: false });
      }
      continue;
    }
    for (const { c, stat } of chosen) {
      out.files.push(describe(role, c.path, c.source, stat.stats!, names));
      const child = DIRECTORY_CHILDREN[role];
      if (child && stat.stats!.isDirectory()) walk(hostRoot, c.path, child, `under ${c.path}`, names, out, 1);
    }
  }
  return out;
}

function walk(hostRoot: string, dir: string, role: FileRole, source: string, names: OwnerNames, out: HostFiles, depth: number): void {
  let entries: string[];
  try {
    entries = readdirSync(onHost(hostRoot, dir)).sort();
  } catch (err) {
    out.problems.push({ what: role, path: dir, reason: `cannot list (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    return;
  }
  for (const name of entries) {
    if (out.files.length >= MAX_DIRECTORY_ENTRIES) {
      out.problems.push({ what: role, path: dir, reason: `more than ${MAX_DIRECTORY_ENTRIES} files: the rest was not stated` });
      return;
    }
    const path = `${dir.replace(/\/+$/, '')}/${name}`;
    const stat = statOf(hostRoot, path);
    if (!stat.stats) {
      out.problems.push({ what: role, path, reason: `cannot stat (${stat.error})` });
      continue;
    }
    out.files.push(describe(role, path, source, stat.stats, names));
    if (stat.stats.isDirectory() && depth < MAX_DEPTH) walk(hostRoot, path, role, source, names, out, depth + 1);
  }
}

function statOf(hostRoot: string, path: string): { stats?: Stats; error?: string } {
  try {
    return { stats: statSync(onHost(hostRoot, path)) };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}

function describe(role: FileRole, path: string, source: string, s: Stats, names: OwnerNames): NodeFile {
  const type = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : 'other';
  const file: NodeFile = {
    role,
    path,
    source,
    exists: true,
    type,
    mode: `0${(s.mode & 0o7777).toString(8).padStart(3, '0')}`,
    uid: s.uid,
    gid: s.gid,
  };
  const user = names.users.get(s.uid);
  const group = names.groups.get(s.gid);
  if (user) file.user = user;
  if (group) file.group = group;
  return file;
}

interface OwnerNames {
  users: Map<number, string>;
  groups: Map<number, string>;
}

/** uid → name and gid → name from the host's account files (first entry of an id wins, as libc does). */
function ownerNames(hostRoot: string): OwnerNames {
  return { users: idNames(onHost(hostRoot, '/etc/passwd')), groups: idNames(onHost(hostRoot, '/etc/group')) };
}

function idNames(file: string): Map<number, string> {
  const map = new Map<number, string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return map; // names are a courtesy: uid 0 is root whatever /etc/passwd says
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (!name || !/^\d+$/.test(id ?? '') || map.has(Number(id))) continue;
    map.set(Number(id), name);
  }
  return map;
}
