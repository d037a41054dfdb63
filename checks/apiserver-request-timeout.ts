import { defineCheck, needsReview } from '../src/core/check.js';
import type { ComponentInstance } from '../src/core/inventory.js';
import { COMMAND_PATH, instancesOf, staticPodExample } from './_shared/component-flags.js';
import { shown } from './_shared/component-flag-rules.js';
import { durationSeconds } from './_shared/kubelet-config.js';
import { listed } from './_shared/cluster.js';

const FLAG = 'request-timeout';
/** The kube-apiserver's default --request-timeout. */
const DEFAULT_SECONDS = 60;

const secondsOf = (i: ComponentInstance): number => (i.flags[FLAG] === undefined ? DEFAULT_SECONDS : durationSeconds(i.flags[FLAG]));
const settingOf = (i: ComponentInstance): string =>
  i.flags[FLAG] === undefined ? `unset (default ${DEFAULT_SECONDS}s)` : shown(i.flags, FLAG);

export default defineCheck({
  meta: {
    id: 'apiserver-request-timeout',
    title: "kube-apiserver --request-timeout is a positive duration within the organisation's limit",
    description:
      "The kube-apiserver's --request-timeout (default 60s) bounds how long a non-watch request may run before the server times it out. CIS 1.2.20 asks that it be set \"as appropriate\": long enough for large list requests, short enough that slow clients cannot hold many connections. Rule: an API server whose timeout is not a positive duration fails. With the option maxSeconds (the organisation's limit) a longer timeout fails and one within it passes; without it the check shows each API server's setting for a human to judge (manual). Evidence for CIS 1.2.20.",
    severity: 'low',
    requires: ['controlPlane'],
    messages: { tooLong: 'kube-apiserver pod {{pod}} sets {{observed}}: {{why}}' },
    remediation:
      'Remove --request-timeout from the kube-apiserver manifest (the default 60s suits most clusters), or set it to the shortest duration the largest list requests need.',
    references: ['CIS Kubernetes Benchmark 1.2.20', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
    options: {
      defaults: { maxSeconds: null },
      schema: {
        type: 'object',
        properties: {
          maxSeconds: {
            type: ['integer', 'null'],
            minimum: 1,
            description: 'The longest acceptable --request-timeout, in seconds; unset, a valid timeout is left to a human (manual).',
          },
        },
        additionalProperties: false,
      },
    },
    example: staticPodExample('kube-apiserver', ['--request-timeout=30m']),
    exampleOptions: { maxSeconds: 300 },
  },
  select(inv, options) {
    const instances = instancesOf(inv, 'kube-apiserver');
    if (!Array.isArray(instances)) return instances;
    const max = typeof options.maxSeconds === 'number' ? options.maxSeconds : Number.POSITIVE_INFINITY;
    const failing = instances.filter((i) => !(secondsOf(i) > 0 && secondsOf(i) <= max));
    if (failing.length || max !== Number.POSITIVE_INFINITY) return failing.length ? failing : instances;
    return needsReview(
      `--request-timeout on ${listed(instances.map((i) => `${i.pod.name}: ${settingOf(i)}`))}; judge it against the cluster's largest list requests`,
    );
  },
  evaluate(instance: ComponentInstance, ctx) {
    const seconds = secondsOf(instance);
    const max = typeof ctx.options.maxSeconds === 'number' ? ctx.options.maxSeconds : undefined;
    const valid = seconds > 0;
    if (valid && (max === undefined || seconds <= max)) return;
    const expected = max === undefined ? 'a positive duration' : `at most ${max}s`;
    ctx.report({
      messageId: 'tooLong',
      path: COMMAND_PATH,
      observed: settingOf(instance),
      expected,
      data: { pod: instance.pod.name, observed: settingOf(instance), why: valid ? `longer than ${max}s` : 'not a positive duration' },
    });
  },
});
