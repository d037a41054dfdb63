/**
 * Host Ports (baseline, v1.0+, id hostPorts): ports[*].hostPort must be unset or 0 on every
 * container, init container and ephemeral container. The built-in admission controller supports
 * no allow-list, so any other value is forbidden.
 */
import {
  asArray,
  asRecord,
  containerViolation,
  containerName,
  defineControl,
  forbid,
  isSet,
  joinQuote,
  pluralize,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
} from '../util.js';
import type { PssViolation } from '../types.js';

export const hostPorts = defineControl({
  id: 'hostPorts',
  title: 'Host Ports',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'ports[*].hostPort must be unset or 0.',
      check(_meta, spec) {
        const bad: string[] = [];
        const ports: string[] = [];
        const violations: PssViolation[] = [];
        for (const c of visitContainers(spec)) {
          let containerBad = false;
          asArray(c.container.ports).forEach((raw, i) => {
            const hostPort = asRecord(raw)?.hostPort;
            if (isSet(hostPort) && hostPort !== 0) {
              containerBad = true;
              ports.push(String(hostPort));
              violations.push(containerViolation(c, `ports/${i}/hostPort`, show(hostPort), 'unset or 0'));
            }
          });
          if (containerBad) bad.push(containerName(c));
        }
        if (bad.length === 0) return ALLOWED;
        const list = sortedUnique(ports);
        return forbid(
          'hostPort',
          `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
          violations,
        );
      },
    },
  ],
});
