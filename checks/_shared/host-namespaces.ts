/**
 * The three host-namespace checks (hostPID, hostIPC, hostNetwork) judge one boolean of the pod
 * spec each, the same way: true is a finding, false or unset is fine.
 */
import type { CheckContext } from '../../src/core/check.js';
import type { PodSpecSubject } from './workloads.js';

export type HostNamespaceField = 'hostPID' | 'hostIPC' | 'hostNetwork';

export function reportHostNamespace<M extends string>(
  subject: PodSpecSubject,
  ctx: CheckContext<M>,
  field: HostNamespaceField,
  messageId: M,
): void {
  if (subject.spec[field] !== true) return;
  ctx.report({
    messageId,
    path: `${subject.specPath}/${field}`,
    observed: 'true',
    expected: 'false or unset',
    data: { kind: subject.object.kind, name: subject.object.metadata.name, field },
  });
}
