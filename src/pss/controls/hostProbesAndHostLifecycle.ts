/**
 * Host Probes / Lifecycle Hooks (baseline, v1.34+, id hostProbesAndHostLifecycle): the `host`
 * field of httpGet and tcpSocket handlers in liveness/readiness/startup probes and in
 * postStart/preStop lifecycle hooks must be unset or "" (otherwise the kubelet can be pointed at
 * arbitrary hosts). Does not apply to policy versions before v1.34.
 */
import {
  asRecord,
  containerViolation,
  containerName,
  defineControl,
  forbid,
  joinQuote,
  pluralize,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
} from '../util.js';
import type { PssViolation } from '../types.js';

const HANDLERS: readonly (readonly [string, string])[] = [
  ['livenessProbe', ''],
  ['readinessProbe', ''],
  ['startupProbe', ''],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export const hostProbesAndHostLifecycle = defineControl({
  id: 'hostProbesAndHostLifecycle',
  title: 'Host Probes / Lifecycle Hooks',
  level: 'baseline',
  revisions: [
    {
      since: 34,
      note: 'New control: httpGet.host and tcpSocket.host in probes and lifecycle hooks must be unset or "".',
      check(_meta, spec) {
        const containers: string[] = [];
        const hosts: string[] = [];
        const violations: PssViolation[] = [];
        for (const c of visitContainers(spec)) {
          for (const [field, hook] of HANDLERS) {
            const outer = asRecord(c.container[field]);
            const handler = hook ? asRecord(outer?.[hook]) : outer;
            if (!handler) continue;
            for (const action of ACTIONS) {
              const host = asRecord(handler[action])?.host;
              if (typeof host === 'string' && host !== '') {
                containers.push(containerName(c));
                hosts.push(host);
                const path = [field, hook, action, 'host'].filter(Boolean).join('/');
                violations.push(containerViolation(c, path, show(host), 'unset or ""'));
              }
            }
          }
        }
        if (violations.length === 0) return ALLOWED;
        // Upstream collects both lists in sets, so the detail lists them sorted and de-duplicated.
        const names = sortedUnique(containers);
        const hostList = sortedUnique(hosts);
        return forbid(
          'probe or lifecycle host',
          `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
          violations,
        );
      },
    },
  ],
});
