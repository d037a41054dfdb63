/**
 * The Kubernetes processes of a node, from /proc/<pid>/cmdline: kubelet, the control-plane
 * components, kube-proxy, and k3s/rke2 (whose embedded components take their flags from
 * `--kube-apiserver-arg=...`, `--kubelet-arg=...`). Flags are parsed like a static pod's command and
 * sanitized as every component setting is: credential-named values never leave the host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NodeComponent, NodeComponentName, NodeProblem } from '../core/node-report.js';
import { parseFlags } from '../core/command-flags.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';

const BINARIES: readonly NodeComponentName[] = [
  'kubelet',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
  'kube-proxy',
];
/** --<prefix>-arg values of k3s/rke2, by the component they configure. */
const EMBEDDED_ARGS: Record<string, NodeComponentName> = {
  'kube-apiserver-arg': 'kube-apiserver',
  'kube-controller-manager-arg': 'kube-controller-manager',
  'kube-scheduler-arg': 'kube-scheduler',
  'kubelet-arg': 'kubelet',
  'kube-proxy-arg': 'kube-proxy',
  'etcd-arg': 'etcd',
};
/** A command line longer than this is not a Kubernetes component's. */
const MAX_CMDLINE_BYTES = 256 * 1024;

export interface FoundProcesses {
  components: NodeComponent[];
  /** 'server' or 'agent' for k3s/rke2. */
  mode?: { distribution: 'k3s' | 'rke2'; role: 'server' | 'agent' };
  problems: NodeProblem[];
}

export function findProcesses(procDir: string): FoundProcesses {
  const found: FoundProcesses = { components: [], problems: [] };
  let pids: string[];
  try {
    pids = readdirSync(procDir).filter((d) => /^\d+$/.test(d));
  } catch (err) {
    found.problems.push({
      what: 'processes',
      path: procDir,
      reason: `cannot list processes (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    });
    return found;
  }
  for (const pid of pids.sort((a, b) => Number(a) - Number(b))) {
    const argv = readCmdline(join(procDir, pid, 'cmdline'));
    if (!argv?.length) continue; // kernel threads and processes gone meanwhile
    const [binary = '', sub] = argv;
    const name = basename(binary);
    if ((BINARIES as readonly string[]).includes(name)) {
      found.components.push({ name: name as NodeComponentName, pid: Number(pid), flags: sanitizeSettings(parseFlags(argv.slice(1))) });
    } else if ((name === 'k3s' || name === 'rke2') && (sub === 'server' || sub === 'agent')) {
      found.mode = { distribution: name, role: sub };
      found.components.push(...embedded(name, Number(pid), argv.slice(2)));
    }
  }
  return found;
}

function readCmdline(file: string): string[] | undefined {
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_CMDLINE_BYTES) return undefined;
    return buf
      .toString('utf8')
      .split('\0')
      .filter((w, i, all) => w !== '' || i < all.length - 1);
  } catch {
    return undefined;
  }
}

/** k3s/rke2 itself, plus one component per `--<component>-arg` family (k3s runs them in-process). */
function embedded(name: 'k3s' | 'rke2', pid: number, args: string[]): NodeComponent[] {
  const own: Record<string, string> = {};
  const byComponent = new Map<NodeComponentName, Record<string, string>>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === undefined || !word.startsWith('--')) continue;
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(2, eq) : word.slice(2);
    const following = args[i + 1];
    const takesNext = eq <= 0 && following !== undefined && !following.startsWith('-');
    if (takesNext) i++;
    const value = eq > 0 ? word.slice(eq + 1) : takesNext ? following : 'true';
    const component = EMBEDDED_ARGS[key];
    if (!component) {
      own[key] = value;
      continue;
    }
    // --kubelet-arg=hostname-override=x: the value is one flag of the embedded component.
    const flags = byComponent.get(component) ?? {};
    Object.assign(flags, parseFlags([`--${value.replace(/^--/, '')}`]));
    byComponent.set(component, flags);
  }
  const components: NodeComponent[] = [{ name, pid, flags: sanitizeSettings(own) }];
  // In k3s every component is embedded; in rke2 they are processes of their own (found by binary).
  if (name === 'k3s')
    for (const [component, flags] of byComponent)
      components.push({ name: component, pid, embeddedIn: name, flags: sanitizeSettings(flags) });
  return components;
}
