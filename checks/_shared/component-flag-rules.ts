/**
 * The rule builders of the CIS control-plane checks (component-flags.ts is the factory): each rule
 * reads the parsed command-line flags of one component instance and applies the Kubernetes default
 * when a flag is unset (flag set, unset, boolean value, number at least N, list includes or
 * excludes an item, feature gate not disabled, loopback address, strong TLS ciphers).
 */

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
export const listOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
      return [
        {
          messageId: 'unset',
          flag: missing.map((n) => `--${n}`).join(' and '),
          observed,
          expected: names.length === 1 ? 'set' : `${names.map((n) => `--${n}`).join(' and ')} set`,
        },
      ];
    },
  };
}

/** The flag must not be set at all. */
export function flagUnset(name: string): FlagRule<'set'> {
  return {
    messages: { set: `${WHO} sets --${name}` },
    judge: (flags) =>
      isSet(flags, name) ? [{ messageId: 'set', flag: `--${name}`, observed: shown(flags, name), expected: 'unset' }] : [],
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
      return [
        {
          messageId: 'missing',
          flag: `--${name}`,
          observed: shown(flags, name),
          expected: `includes ${item}`,
          data: { item, note: defaultNote(flags, name, byDefault) },
        },
      ];
    },
  };
}

/** A list flag must not include `item`; `byDefault` is its value when unset. */
export function listExcludes(name: string, item: string, byDefault = ''): FlagRule<'present'> {
  return {
    messages: { present: `${WHO}: --${name} includes {{item}}{{note}}` },
    judge(flags) {
      if (!listOf(flags[name] ?? byDefault).includes(item)) return [];
      return [
        {
          messageId: 'present',
          flag: `--${name}`,
          observed: shown(flags, name),
          expected: `does not include ${item}`,
          data: { item, note: defaultNote(flags, name, byDefault) },
        },
      ];
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
      return [
        {
          messageId: 'disabled',
          flag: '--feature-gates',
          observed: shown(flags, 'feature-gates'),
          expected: `${gate} not set to false`,
          data: { gate },
        },
      ];
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
      return [
        {
          messageId: 'value',
          flag: `--${name}`,
          observed: shown(flags, name),
          expected: '127.0.0.1 (a loopback address)',
          data: { actual },
        },
      ];
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
      return weak.length
        ? [{ messageId: 'weak', flag: `--${name}`, observed: shown(flags, name), expected, data: { weak: weak.join(', ') } }]
        : [];
    },
  };
}
