#!/usr/bin/env node
/**
 * `npm run new-check -- ID`: scaffolds a check that judges every container of every pod template
 * (and bare pod), with a pass and a fail fixture and its CheckTester test, then regenerates the
 * registry and docs. The scaffold is a working check (it flags containers that set `stdin: true`):
 * replace the rule, the texts and the fixtures with yours; the test tells you what is left.
 */
import { execFileSync } from 'node:child_process';
import * as prettier from 'prettier';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PREFIXES = [
  'pod',
  'container',
  'image',
  'env',
  'rbac',
  'sa',
  'netpol',
  'namespace',
  'secret',
  'apiserver',
  'kubelet',
  'etcd',
  'pss',
  'scheduler',
  'controller-manager',
  'kube-proxy',
  'node',
  'network',
  'hardening',
];
const id = process.argv[2] ?? '';

function refuse(message) {
  process.stderr.write(`new-check: ${message}\n`);
  process.exit(2);
}

if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id))
  refuse(`"${id}" is not a kebab-case check id (usage: npm run new-check -- container-no-stdin)`);
if (!PREFIXES.some((p) => id.startsWith(`${p}-`)))
  refuse(`"${id}" needs a domain prefix: one of ${PREFIXES.map((p) => `${p}-`).join(', ')}`);
const files = {
  [`checks/${id}.ts`]: checkSource(id),
  [`test/checks/${id}.test.ts`]: testSource(id),
  [`test/fixtures/${id}/pass-no-stdin.yaml`]: manifest('quiet', 'false'),
  [`test/fixtures/${id}/fail-stdin.yaml`]: manifest('chatty', 'true'),
};
const taken = Object.keys(files).filter((f) => existsSync(join(root, f)));
if (taken.length) refuse(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}`);
for (const [rel, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  // The scaffold is written in the project's Prettier style, so `npm run lint` passes on a new check.
  const formatted = rel.endsWith('.ts')
    ? await prettier.format(text, { ...(await prettier.resolveConfig(join(root, rel))), filepath: join(root, rel) })
    : text;
  writeFileSync(join(root, rel), formatted);
  process.stdout.write(`wrote ${rel}\n`);
}
execFileSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: 'inherit' });
process.stdout.write(`
Next:
  1. write the rule in checks/${id}.ts (docs/writing-a-check.md shows the factories and subjects);
  2. make the fixtures and test/checks/${id}.test.ts say what it must find;
  3. name it in a control of benchmarks/<profile>.yaml, then npm run generate;
  4. npm run test:one -- test/checks/${id}.test.ts
`);

function checkSource(checkId) {
  return `import { defineCheck } from '../src/core/check.js';
import { containerLabel, containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: '${checkId}',
    title: 'Containers do not keep stdin open',
    description: 'Why it matters and the exact rule: what fails, what passes. Shown by \`kaudit checks explain\` and docs/checks/.',
    severity: 'low',
    requires: POD_SPEC_KEYS,
    messages: { stdin: '{{container}} of {{kind}} {{name}} sets stdin: true' },
    remediation: 'What to change, as a sentence an operator can follow.',
    references: [],
    example: \`${manifest('chatty', 'true').trimEnd()}\`,
  },
  // Every pod template and bare pod once, with ephemeral (debug) containers as their own subject.
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      if (ref.container.stdin !== true) continue;
      ctx.report({
        messageId: 'stdin',
        path: \`\${ref.path}/stdin\`,
        observed: 'true',
        expected: 'false or unset',
        data: { container: containerLabel(ref), kind: subject.object.kind, name: subject.object.metadata.name },
      });
    }
  },
});
`;
}

function testSource(checkId) {
  return `import { describe, it } from '@jest/globals';
import check from '../../checks/${checkId}.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('${checkId}', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-stdin.yaml'],
      fail: [
        {
          fixture: 'fail-stdin.yaml',
          findings: [
            {
              messageId: 'stdin',
              resource: 'Deployment/shop/chatty',
              path: '/spec/template/spec/containers/0/stdin',
              message: 'container app of Deployment chatty sets stdin: true',
              observed: 'true',
              expected: 'false or unset',
              podCount: 0,
            },
          ],
        },
      ],
    },
    it,
  );
});
`;
}

function manifest(name, stdin) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: app, image: registry.example.com/app:1.0, stdin: ${stdin}}
`;
}
