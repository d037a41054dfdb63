/**
 * Test inputs for the control-plane (apiserver-, controller-manager-, scheduler-, etcd-) and
 * kubelet- checks, built from the shared fixtures in test/fixtures/control-plane/: a control plane
 * as kubeadm leaves it, one hardened to CIS, and the same for a kubelet configuration. Variants
 * change single flags or fields, so each test states only what differs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { ControlPlaneComponent } from '../../src/core/inventory.js';
import type { KObject, Pod } from '../../src/core/k8s.js';
import { packageRoot } from '../../src/io/package-root.js';
import type { NotJudgedCase } from '../../src/testing/check-tester.js';

const DIR = join(packageRoot(), 'test', 'fixtures', 'control-plane');
export const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');

/** The control plane `kubeadm init` leaves: Node cp-1 and the four mirror pods. */
export const KUBEADM_DEFAULT = fixture('kubeadm-default.yaml');
/** The same control plane with every CIS flag set. */
export const HARDENED = fixture('hardened.yaml');
/** kubeadm's kubelet config file for node worker-1. */
export const KUBELET_KUBEADM_DEFAULT = fixture('kubelet-kubeadm-default.yaml');
/** A CIS-hardened kubelet configuration for node worker-1. */
export const KUBELET_HARDENED = fixture('kubelet-hardened.yaml');

/** Where the component flags are reported. */
export const CMD = '/spec/containers/0/command';

/** The finding resource of each component's mirror pod on cp-1. */
export const POD = {
  'kube-apiserver': 'Pod/kube-system/kube-apiserver-cp-1',
  'kube-controller-manager': 'Pod/kube-system/kube-controller-manager-cp-1',
  'kube-scheduler': 'Pod/kube-system/kube-scheduler-cp-1',
  etcd: 'Pod/kube-system/etcd-cp-1',
} as const;

export const WORKER = 'Node/worker-1';

const docs = (text: string): KObject[] => parseAllDocuments(text).map((d) => d.toJS() as KObject);
const dump = (objects: unknown[]): string => objects.map((o) => stringify(o)).join('---\n');

/** Flag edits: a string sets `--name=value` (in place, or appended), null removes the flag. */
export type FlagEdits = Record<string, string | null>;

export interface PodOptions {
  /** Start from 'hardened' (default) or 'kubeadm' flags. */
  base?: 'hardened' | 'kubeadm';
  /** Node the pod runs on (the pod is named <component>-<node>); cp-1 by default. */
  node?: string;
}

/** One component's mirror pod from a base fixture, with flags edited. YAML, without the Node. */
export function podWith(component: ControlPlaneComponent, edits: FlagEdits = {}, opts: PodOptions = {}): string {
  const pod = docs(opts.base === 'kubeadm' ? KUBEADM_DEFAULT : HARDENED).find(
    (o) => o.kind === 'Pod' && o.metadata.labels?.component === component,
  );
  if (!pod) throw new Error(`no ${component} pod in the fixture`);
  const spec = (pod as Pod).spec;
  const container = spec?.containers[0];
  if (!spec || !container) throw new Error(`no ${component} container in the fixture`);
  const node = opts.node ?? 'cp-1';
  pod.metadata.name = `${component}-${node}`;
  spec.nodeName = node;
  let command: string[] = container.command ?? [];
  for (const [name, value] of Object.entries(edits)) {
    const matches = (w: string): boolean => w === `--${name}` || w.startsWith(`--${name}=`);
    const at = command.findIndex(matches);
    command = command.filter((w) => !matches(w));
    if (value === null) continue;
    command.splice(at >= 0 ? at : command.length, 0, `--${name}=${value}`);
  }
  container.command = command;
  return dump([pod]);
}

/** The control-plane Node (so the platform is kubeadm) followed by the given pods. */
export function cluster(...pods: string[]): string {
  const node = docs(HARDENED).find((o) => o.kind === 'Node');
  return [dump([node]), ...pods].join('---\n');
}

/** Node cp-1 and the hardened pod of one component with flags edited. */
export const hardenedWith = (component: ControlPlaneComponent, edits: FlagEdits): string => cluster(podWith(component, edits));

/** Node cp-1 and kubeadm's pod of one component with flags edited. */
export const kubeadmWith = (component: ControlPlaneComponent, edits: FlagEdits): string =>
  cluster(podWith(component, edits, { base: 'kubeadm' }));

/** The cases where a control-plane check cannot judge: managed, k3s, static pods not visible. */
export function controlPlaneUnjudgeable(component: ControlPlaneComponent): NotJudgedCase[] {
  const others = docs(HARDENED).filter((o) => o.kind === 'Node' || (o.kind === 'Pod' && o.metadata.labels?.component !== component));
  return [
    {
      name: 'managed control plane (EKS): no static pods',
      yaml: '',
      inventory: (inv) => void (inv.platform = 'eks'),
      status: 'not-applicable',
    },
    {
      name: 'managed control plane (AKS): no static pods',
      yaml: '',
      inventory: (inv) => void (inv.platform = 'aks'),
      status: 'not-applicable',
    },
    {
      name: 'k3s: the control plane runs in one process',
      yaml: '',
      inventory: (inv) => void (inv.platform = 'k3s'),
      status: 'not-assessed',
    },
    { name: `kubeadm cluster where no ${component} static pod is visible`, yaml: dump(others), status: 'not-assessed' },
  ];
}

/** Field edits by JSON pointer: a value sets the field (creating parents), null removes it. */
export type FieldEdits = Record<string, unknown>;

/** A kubelet configuration from a base fixture with fields edited. */
export function kubeletWith(edits: FieldEdits, base: 'hardened' | 'kubeadm' = 'hardened', node = 'worker-1'): string {
  const config = docs(base === 'kubeadm' ? KUBELET_KUBEADM_DEFAULT : KUBELET_HARDENED)[0] as Record<string, unknown> & KObject;
  config.metadata.name = node;
  for (const [pointer, value] of Object.entries(edits)) {
    const parts = pointer.split('/').slice(1);
    let parent = config as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) {
      if (typeof parent[p] !== 'object' || parent[p] === null) parent[p] = {};
      parent = parent[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (value === null) delete parent[last!];
    else parent[last!] = value;
  }
  return dump([config]);
}

/** The cases where a kubelet check cannot judge. */
export function kubeletUnjudgeable(): NotJudgedCase[] {
  return [
    {
      name: 'kubelets collected, but no configz could be read',
      yaml: '',
      inventory: (inv) => void inv.collected.push('kubelets'),
      status: 'not-assessed',
    },
    { name: 'input holds no KubeletConfiguration', yaml: KUBEADM_DEFAULT, status: 'not-assessed' },
  ];
}

/** Marks the configuration as read from /configz (effective values) rather than from a file. */
export const fromConfigz = (inv: { source: { type: string } }): void => void (inv.source.type = 'live');
