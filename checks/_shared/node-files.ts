/**
 * A factory for the CIS file controls (1.1.1–1.1.21, 4.1.1–4.1.10): one rule, a mode ("expected mode
 * or stricter": no permission bit beyond it) or an owner (user:group), over the files of some roles
 * in each node's report (see src/core/node-report.ts FILE_ROLES). Evidence: node, path, where the
 * path came from, what was seen and what is expected.
 */
import type { FileRole, NodeFile, NodeReport } from '../../src/core/node-report.js';
import { nodeHostCheck, problemsOf, type NodeScope } from './node-host.js';
import type { Check, CheckMeta } from '../../src/core/check.js';

export interface FileSubject {
  node: string;
  file: NodeFile;
}

export type FileRule = { mode: number } | { owner: string };

export interface NodeFileCheckSpec {
  meta: Omit<CheckMeta, 'requires' | 'messages'>;
  scope: NodeScope;
  roles: FileRole[];
  /** Only some of the role's files (PKI certificates: *.crt). */
  filter?: (file: NodeFile) => boolean;
  /** What the files are, for reasons ("the kube-proxy kubeconfig"). */
  what: string;
  rule: FileRule;
  /** 'if present' controls: a file that does not exist is fine. Otherwise it cannot be judged. */
  optional?: boolean;
  /** The file's usual path (kubeadm), for the failing example. */
  examplePath: string;
}

/** A node report (as `kaudit node` writes it, in YAML) whose one file breaks the rule. */
export function nodeReportExample(node: string, roles: string, files: string[], extra: string[] = []): string {
  return [
    `# The node agent's report for ${node} (kaudit node -o ${node}.json), passed with --node-report.`,
    'kind: NodeReport',
    'nodeReportVersion: 1',
    `node: ${node}`,
    "collectedAt: '2026-12-01T00:00:00Z'",
    'tool: {name: kaudit, version: 0.1.0}',
    'distribution: kubeadm',
    `roles: [${roles}]`,
    ...(extra.length ? extra : ['components: []']),
    ...(files.length ? ['files:', ...files.map((f) => `  - ${f}`)] : ['files: []']),
    'problems: []',
    '',
  ].join('\n');
}

const octal = (mode: number): string => `0${mode.toString(8).padStart(3, '0')}`;

/** user:group by name, else by number (uid 0 is root whatever /etc/passwd says). */
export function ownerOf(f: NodeFile): string {
  const user = f.user ?? (f.uid === 0 ? 'root' : String(f.uid));
  const group = f.group ?? (f.gid === 0 ? 'root' : String(f.gid));
  return `${user}:${group}`;
}

/** Permission bits beyond `allowed` make a mode less strict than it. */
export const modeWithin = (mode: string, allowed: number): boolean => (parseInt(mode, 8) & ~allowed & 0o7777) === 0;

export function nodeFileCheck(spec: NodeFileCheckSpec): Check<FileSubject, 'mode' | 'owner'> {
  const { rule } = spec;
  const messages = {
    mode: 'node {{node}}: {{path}} ({{source}}) has mode {{observed}}, expected {{expected}}',
    owner: 'node {{node}}: {{path}} ({{source}}) is owned by {{observed}}, expected {{expected}}',
  };
  const expected = 'mode' in rule ? `${octal(rule.mode)} or stricter` : rule.owner;
  const looseFile = `{role: ${spec.roles[spec.roles.length - 1]}, path: ${spec.examplePath}, source: kubeadm default, exists: true, type: ${spec.examplePath === '/var/lib/etcd' ? 'directory' : 'file'}, ${'mode' in rule ? "mode: '0666', uid: 0, gid: 0, user: root, group: root" : "mode: '0600', uid: 1000, gid: 1000, user: alice, group: alice"}}`;
  const example = nodeReportExample(
    spec.scope === 'control-plane' ? 'cp-1' : 'worker-1',
    spec.scope === 'control-plane' ? 'control-plane, worker' : 'worker',
    [looseFile],
  );
  return nodeHostCheck<FileSubject, 'mode' | 'owner'>({
    meta: {
      ...spec.meta,
      example,
      messages: ('mode' in rule ? { mode: messages.mode } : { owner: messages.owner }) as unknown as typeof messages,
    },
    scope: spec.scope,
    noSubjects: `no node has ${spec.what}`,
    subjectsOf(report: NodeReport) {
      const files = report.files.filter((f) => spec.roles.includes(f.role) && (!spec.filter || spec.filter(f)));
      const unjudgeable = spec.roles.flatMap((role) => problemsOf(report, role));
      const subjects: FileSubject[] = [];
      for (const file of files) {
        if (file.exists) subjects.push({ node: report.node, file });
        else if (!spec.optional) unjudgeable.push(`node ${report.node}: ${file.path} (${file.source}) does not exist`);
      }
      return { subjects, unjudgeable };
    },
    evaluate({ node, file }, ctx) {
      const data = { node, path: file.path, source: file.source, expected };
      if ('mode' in rule) {
        if (file.mode === undefined || !modeWithin(file.mode, rule.mode))
          ctx.report({
            messageId: 'mode',
            path: file.path,
            observed: file.mode ?? 'unknown',
            expected,
            data: { ...data, observed: file.mode ?? 'unknown' },
          });
      } else if (ownerOf(file) !== rule.owner) {
        ctx.report({ messageId: 'owner', path: file.path, observed: ownerOf(file), expected, data: { ...data, observed: ownerOf(file) } });
      }
    },
  }) as Check<FileSubject, 'mode' | 'owner'>;
}
