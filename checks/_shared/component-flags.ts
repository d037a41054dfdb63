/**
 * A factory for the CIS control-plane checks (apiserver-*, controller-manager-*, scheduler-*,
 * etcd-*): each judges the command-line flags of one component as read from its static (mirror)
 * pod in kube-system (`inv.controlPlane`, see src/core/platform.ts), one subject per instance.
 *
 * A check is a component, a rule and meta. Rules are built by component-flag-rules.ts (flag set, unset,
 * boolean value, number at least N, list includes or excludes an item, feature gate not disabled,
 * loopback address, strong TLS ciphers) and apply the Kubernetes default when a flag is unset.
 *
 * When no instance of the component is visible the check cannot pass (fail closed): on a managed
 * platform the control plane is the provider's (not-applicable), on k3s it runs in one process
 * without static pods, elsewhere the static pod was not seen (both not-assessed). A rule whose
 * setting may live in a file kaudit cannot read (--authorization-config, scheduler --config, etcd
 * --config-file) makes such instances not-assessed too.
 */
import { defineCheck, notApplicable, notAssessed, type Check, type CheckMeta, type Unjudgeable } from '../../src/core/check.js';
import { MANAGED_PLATFORMS, type ComponentInstance, type ControlPlaneComponent, type Inventory } from '../../src/core/inventory.js';
import { isSet, type FlagRule } from './component-flag-rules.js';

/**
 * Where the flags are, inside the mirror pod. Static pods run one container, the component itself,
 * and kubeadm passes every flag in `command`.
 */
export const COMMAND_PATH = '/spec/containers/0/command';

/** The kubeadm static pod manifest of a component, for remediation texts. */
export const manifestPath = (component: ControlPlaneComponent): string => `/etc/kubernetes/manifests/${component}.yaml`;

/** A setting that may be configured by a file instead of flags: then kaudit cannot judge it. */
export interface ConfigFileCaveat {
  /** The flag naming the file, without dashes ('authorization-config'). */
  flag: string;
  /** Flags that, when set, still decide the setting despite the file (e.g. 'authorization-mode'). */
  unless?: string[];
  /** What the file configures, for the reason ('authorization'). */
  what: string;
}

export interface ComponentCheckSpec<M extends string> {
  component: ControlPlaneComponent;
  meta: Omit<CheckMeta<M>, 'requires' | 'messages'>;
  rule: FlagRule<M>;
  configFile?: ConfigFileCaveat;
}

/** Why a component could not be judged when none of its instances is visible. */
export function noInstances(inv: Inventory, component: ControlPlaneComponent): Unjudgeable {
  if (MANAGED_PLATFORMS.includes(inv.platform)) return notApplicable('the control plane is managed by the provider');
  if (inv.platform === 'k3s') return notAssessed('k3s runs the control plane in one process without static pods');
  return notAssessed(`no ${component} static pod visible in kube-system`);
}

/** The instances of one component, or why there is nothing to judge. */
export function instancesOf(inv: Inventory, component: ControlPlaneComponent): ComponentInstance[] | Unjudgeable {
  const found = inv.controlPlane.filter((c) => c.component === component);
  return found.length ? found : noInstances(inv, component);
}

export function componentFlagCheck<M extends string>(spec: ComponentCheckSpec<M>): Check<ComponentInstance, M> {
  const { component, rule, configFile } = spec;
  return defineCheck<ComponentInstance, M>({
    meta: { ...spec.meta, requires: ['controlPlane'], messages: rule.messages },
    select(inv) {
      const instances = instancesOf(inv, component);
      if (!Array.isArray(instances) || !configFile) return instances;
      const readsFile = (i: ComponentInstance): boolean =>
        isSet(i.flags, configFile.flag) && !(configFile.unless ?? []).some((f) => isSet(i.flags, f));
      const judgeable = instances.filter((i) => !readsFile(i));
      // A failing instance decides the control; otherwise one that cannot be judged keeps it from passing.
      if (judgeable.length === instances.length || judgeable.some((i) => rule.judge(i.flags).length)) return judgeable;
      return notAssessed(`${configFile.what} is configured by a file (--${configFile.flag}) kaudit cannot read`);
    },
    evaluate(instance, ctx) {
      for (const v of rule.judge(instance.flags)) {
        ctx.report({
          messageId: v.messageId,
          path: COMMAND_PATH,
          observed: v.observed,
          expected: v.expected,
          data: {
            component,
            pod: instance.pod.name,
            node: instance.pod.node,
            flag: v.flag,
            observed: v.observed,
            expected: v.expected,
            ...v.data,
          },
        });
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Meta helpers
// ---------------------------------------------------------------------------------------------

const BINARY: Record<ControlPlaneComponent, string> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
};

/** A failing static pod manifest for `example`: the component's mirror pod with these flags. */
export function staticPodExample(component: ControlPlaneComponent, flags: string[]): string {
  const image = component === 'etcd' ? 'registry.k8s.io/etcd:3.5.21-0' : `registry.k8s.io/${component}:v1.33.1`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${component}-cp-1
  namespace: kube-system
  labels: {component: ${component}, tier: control-plane}
spec:
  nodeName: cp-1
  hostNetwork: true
  containers:
  - name: ${component}
    image: ${image}
    command:
    - ${BINARY[component]}
${flags.map((f) => `    - ${f}`).join('\n')}`;
}
