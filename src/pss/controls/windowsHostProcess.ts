/**
 * HostProcess (baseline, v1.0+, id windowsHostProcess): Windows HostProcess containers get
 * privileged access to the Windows node, so windowsOptions.hostProcess must not be true at pod or
 * container level. Pod and container settings are judged independently.
 */
import {
  containerViolation,
  containersPhrase,
  containerName,
  defineControl,
  forbid,
  podSecurityContext,
  podViolation,
  visitContainers,
  ALLOWED,
  asRecord,
} from '../util.js';
import type { PssViolation } from '../types.js';

const EXPECTED = 'unset or false';

export const windowsHostProcess = defineControl({
  id: 'windowsHostProcess',
  title: 'HostProcess',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'windowsOptions.hostProcess must be unset or false (pod and every container).',
      check(_meta, spec) {
        const violations: PssViolation[] = [];
        const setters: string[] = [];
        if (asRecord(podSecurityContext(spec)?.windowsOptions)?.hostProcess === true) {
          setters.push('pod');
          violations.push(podViolation('/spec/securityContext/windowsOptions/hostProcess', 'true', EXPECTED));
        }
        const bad: string[] = [];
        for (const c of visitContainers(spec)) {
          if (asRecord(c.sc?.windowsOptions)?.hostProcess === true) {
            bad.push(containerName(c));
            violations.push(containerViolation(c, 'securityContext/windowsOptions/hostProcess', 'true', EXPECTED));
          }
        }
        if (bad.length > 0) setters.push(containersPhrase(bad));
        if (setters.length === 0) return ALLOWED;
        return forbid('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, violations);
      },
    },
  ],
});
