/**
 * A factory for the CIS control-plane checks (apiserver-*, controller-manager-*, scheduler-*,
 * etcd-*): each judges the command-line flags of one component as read from its static (mirror)
 * pod in kube-system (`inv.controlPlane`, see src/core/platform.ts), one subject per instance.
 *
 * A check is a component, a rule and meta. Rules are built by the helpers below (flag set, unset,
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

/**
 * Where the flags are, inside the mirror pod. Static pods run one container, the component itself,
 * and kubeadm passes every flag in `command`.
 */
export const COMMAND_PATH = '/spec/containers/0/command';

/** The kubeadm static pod manifest of a component, for remediation texts. */
export const manifestPath = (component: ControlPlaneComponent): string => `/etc/kubernetes/manifests/${component}.yaml`;

/** One thing a rule found wrong with one instance's flags. */
export interface FlagViolation<M extends string> {
  messageId: M;
  /** The flag(s) the finding is about, as written on the command line ('--profiling'). */
  flag: string;
  /** `--flag=value`, or 'unset'. */
  observed: string;
  /** The rule, in words. */
  expected: string;
  /** More placeholders for the message. */
  data?: Record<string, string | number | boolean | undefined>;
}

/** A rule over the parsed flags of one instance: its message templates and its judgement. */
export interface FlagRule<M extends string> {
  messages: Record<M, string>;
  judge(flags: Record<string, string>): FlagViolation<M>[];
}

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
      const readsFile = (i: ComponentInstance): boolean => isSet(i.flags, configFile.flag) && !(configFile.unless ?? []).some((f) => isSet(i.flags, f));
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
          data: { component, pod: instance.pod.name, node: instance.pod.node, flag: v.flag, observed: v.observed, expected: v.expected, ...v.data },
        });
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Reading flags
// ---------------------------------------------------------------------------------------------

export const isSet = (flags: Record<string, string>, name: string): boolean => flags[name] !== undefined;

/** `--name=value`, or 'unset'. */
export const shown = (flags: Record<string, string>, name: string): string => (isSet(flags, name) ? `--${name}=${flags[name]}` : 'unset');

/** Go's strconv.ParseBool, which pflag uses; undefined when the text is not a boolean. */
export function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return undefined;
}

/** A comma-separated list flag ('Node,RBAC'), trimmed, empty items dropped. */
export const listOf = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** `--feature-gates=A=true,B=false` → {A: 'true', B: 'false'}. */
export function featureGates(flags: Record<string, string>): Record<string, string> {
  const gates: Record<string, string> = {};
  for (const item of listOf(flags['feature-gates'])) {
    const eq = item.indexOf('=');
    if (eq > 0) gates[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return gates;
}

/** The host part of `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
export function hostOf(address: string): string {
  const a = address.trim();
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  const colons = a.split(':').length - 1;
  return colons === 1 ? a.slice(0, a.indexOf(':')) : a;
}

export const isLoopback = (address: string): boolean => {
  const host = hostOf(address).toLowerCase();
  return /^127\./.test(host) || host === '::1' || host === 'localhost';
};

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

const WHO = '{{component}} ({{pod}})';

/** Every flag named must be set (to a non-empty value). */
export function flagsSet(...names: string[]): FlagRule<'unset'> {
  return {
    messages: { unset: `${WHO} does not set {{flag}}` },
    judge(flags) {
      const missing = names.filter((n) => !flags[n]);
      if (!missing.length) return [];
      const observed = names.length === 1 ? 'unset' : names.map((n) => (flags[n] ? shown(flags, n) : `--${n} unset`)).join(', ');
      return [{ messageId: 'unset', flag: missing.map((n) => `--${n}`).join(' and '), observed, expected: names.length === 1 ? 'set' : `${names.map((n) => `--${n}`).join(' and ')} set` }];
    },
  };
}

/** The flag must not be set at all. */
export function flagUnset(name: string): FlagRule<'set'> {
  return {
    messages: { set: `${WHO} sets --${name}` },
    judge: (flags) => (isSet(flags, name) ? [{ messageId: 'set', flag: `--${name}`, observed: shown(flags, name), expected: 'unset' }] : []),
  };
}

/** A boolean flag must be `want`; `byDefault` is its value when unset. */
export function flagBool(name: string, want: boolean, byDefault: boolean): FlagRule<'value'> {
  const expected = want === byDefault ? `${want} (or unset)` : String(want);
  return {
    messages: { value: `${WHO}: --${name} is {{actual}}, expected {{expected}}` },
    judge(flags) {
      const raw = flags[name];
      const value = raw === undefined ? byDefault : parseBool(raw);
      if (value === want) return [];
      const actual = raw === undefined ? `unset (defaults to ${byDefault})` : raw;
      return [{ messageId: 'value', flag: `--${name}`, observed: shown(flags, name), expected, data: { actual } }];
    },
  };
}

/** A whole-number flag must be at least `min`; `byDefault` is its value when unset. */
export function flagAtLeast(name: string, min: number, byDefault: number): FlagRule<'value'> {
  const expected = `${min} or more`;
  return {
    messages: { value: `${WHO}: --${name} is {{actual}}, expected {{expected}}` },
    judge(flags) {
      const raw = flags[name];
      const value = raw === undefined ? byDefault : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
      if (value >= min) return [];
      const actual = raw === undefined ? `unset (defaults to ${byDefault})` : raw;
      return [{ messageId: 'value', flag: `--${name}`, observed: shown(flags, name), expected, data: { actual } }];
    },
  };
}

/** ' (it is unset and defaults to X)' for messages, '' when the flag is set or has no default. */
const defaultNote = (flags: Record<string, string>, name: string, byDefault: string): string =>
  isSet(flags, name) ? '' : byDefault ? ` (it is unset and defaults to ${byDefault})` : ' (it is unset)';

/** A list flag must include `item`; `byDefault` is its value when unset. */
export function listIncludes(name: string, item: string, byDefault = ''): FlagRule<'missing'> {
  return {
    messages: { missing: `${WHO}: --${name} does not include {{item}}{{note}}` },
    judge(flags) {
      if (listOf(flags[name] ?? byDefault).includes(item)) return [];
      return [{ messageId: 'missing', flag: `--${name}`, observed: shown(flags, name), expected: `includes ${item}`, data: { item, note: defaultNote(flags, name, byDefault) } }];
    },
  };
}

/** A list flag must not include `item`; `byDefault` is its value when unset. */
export function listExcludes(name: string, item: string, byDefault = ''): FlagRule<'present'> {
  return {
    messages: { present: `${WHO}: --${name} includes {{item}}{{note}}` },
    judge(flags) {
      if (!listOf(flags[name] ?? byDefault).includes(item)) return [];
      return [{ messageId: 'present', flag: `--${name}`, observed: shown(flags, name), expected: `does not include ${item}`, data: { item, note: defaultNote(flags, name, byDefault) } }];
    },
  };
}

/** An admission plugin must be enabled: listed in --enable-admission-plugins (it is not on by default). */
export const admissionPluginEnabled = (plugin: string): FlagRule<'missing'> => listIncludes('enable-admission-plugins', plugin);

/** A feature gate must not be turned off in --feature-gates (it is on by default). */
export function featureGateNotDisabled(gate: string): FlagRule<'disabled'> {
  return {
    messages: { disabled: `${WHO}: --feature-gates turns {{gate}} off` },
    judge(flags) {
      const value = featureGates(flags)[gate];
      if (value === undefined || parseBool(value) !== false) return [];
      return [{ messageId: 'disabled', flag: '--feature-gates', observed: shown(flags, 'feature-gates'), expected: `${gate} not set to false`, data: { gate } }];
    },
  };
}

/** An address flag must be a loopback address; `byDefault` is its value when unset. */
export function loopbackAddress(name: string, byDefault: string): FlagRule<'value'> {
  return {
    messages: { value: `${WHO}: --${name} is {{actual}}, expected {{expected}}` },
    judge(flags) {
      const value = flags[name] ?? byDefault;
      if (isLoopback(value)) return [];
      const actual = isSet(flags, name) ? flags[name] : `unset (defaults to ${byDefault})`;
      return [{ messageId: 'value', flag: `--${name}`, observed: shown(flags, name), expected: '127.0.0.1 (a loopback address)', data: { actual } }];
    },
  };
}

/**
 * TLS cipher suites CIS accepts as strong (kube-bench cfg/cis-1.12, 1.2.29): TLS 1.3 suites and
 * ECDHE key exchange with AEAD ciphers. Anything else (RSA key exchange, CBC, 3DES, RC4) is weak.
 */
export const STRONG_CIPHER_SUITES: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

export const weakCipherSuites = (suites: string[]): string[] => suites.filter((s) => !STRONG_CIPHER_SUITES.includes(s));

/** The cipher-suite flag must be set, to strong suites only (unset means Go's defaults, not pinned). */
export function strongCiphers(name: string): FlagRule<'unset' | 'weak'> {
  return {
    messages: {
      unset: `${WHO} does not set --${name}, so the Go runtime's default cipher suites apply`,
      weak: `${WHO}: --${name} allows suites outside the strong set: {{weak}}`,
    },
    judge(flags) {
      const suites = listOf(flags[name]);
      const expected = 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305, or TLS 1.3)';
      if (!suites.length) return [{ messageId: 'unset', flag: `--${name}`, observed: 'unset', expected }];
      const weak = weakCipherSuites(suites);
      return weak.length ? [{ messageId: 'weak', flag: `--${name}`, observed: shown(flags, name), expected, data: { weak: weak.join(', ') } }] : [];
    },
  };
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
