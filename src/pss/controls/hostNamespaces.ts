/**
 * Host Namespaces (baseline, v1.0+, id hostNamespaces): sharing the node's network, PID or IPC
 * namespace (spec.hostNetwork / hostPID / hostIPC) is forbidden.
 */
import { defineControl, forbid, podViolation, ALLOWED } from '../util.js';
import type { PssViolation } from '../types.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces = defineControl({
  id: 'hostNamespaces',
  title: 'Host Namespaces',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'hostNetwork, hostPID and hostIPC must be unset or false.',
      check(_meta, spec) {
        const found: string[] = [];
        const violations: PssViolation[] = [];
        for (const field of FIELDS) {
          if (spec?.[field] === true) {
            found.push(`${field}=true`);
            violations.push(podViolation(`/spec/${field}`, 'true', 'unset or false'));
          }
        }
        if (found.length === 0) return ALLOWED;
        return forbid('host namespaces', found.join(', '), violations);
      },
    },
  ],
});
