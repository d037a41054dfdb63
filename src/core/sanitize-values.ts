/**
 * What a credential looks like in kept text: its name (flags, assignments, config keys), the values
 * that are settings rather than credentials (paths, references, booleans, numbers, durations), and
 * passwords inside URLs. Shared by the args, annotation and settings sanitizers.
 */

import type { RedactedValue } from './k8s.js';

export const REDACTED = '<redacted>';

/**
 * Names whose value is a credential: `--db-password`, `DB_PWD`, `--api_key`, `--access-key`,
 * `secret_key`, `client-secret`, `auth-token`, `passphrase`, `bearer`, openssl's `-passin`...
 * `pass`/`pwd` count only as whole words (not `bypass`, `passthrough`).
 */
const NAME = String.raw`password|passwd|passphrase|secret|token|credential|bearer|(?:api|access|private|client|encryption|master|account|storage|signing)[-_.]?key|apikey|(?<![a-z])(?:pass(?:in|out)?|pwd)(?![a-z])`;
export const CREDENTIAL_NAME = new RegExp(NAME, 'i');

/** Names that hold a path or an object's name, not the credential itself (`--token-auth-file`, `tlsPrivateKeyFile`, `--secret-name`). */
const REFERENCE_NAME = /(?:file|path|dir|name|namespace)$/i;

export const isCredentialName = (name: string): boolean => CREDENTIAL_NAME.test(name) && !REFERENCE_NAME.test(name);

/**
 * One test per line of text: could it hold a credential at all? A cheap superset of credential
 * names, URL userinfo (`@`) and HTTP auth schemes; the words of a line that passes are looked at precisely.
 */
export const MAY_HOLD_CREDENTIAL = /pass|pwd|secret|token|credential|bearer|basic|key|@/i;

// Booleans in every spelling Go's ParseBool accepts, numbers and Go durations (24h, 1h30m) are settings.
const NOT_A_SECRET = /^(?:1|0|t|f|true|false|-?\d+(?:\.\d+)?|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/i;
/** Kubernetes expands `$(VAR)` in command and args: the credential, if any, lives in that variable. */
const K8S_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;
/** In a shell string `$VAR`, `${VAR}` and `$(cmd)` are expanded by the shell: not literals either. */
const SHELL_REFERENCE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\}|\(.*\))$/s;

/** A literal credential value, as opposed to a path, a reference, a boolean, a number or a duration. */
/**
 * A value in a password position (`mysql -p…`, `sshpass -p …`, the password of curl's `user:…`):
 * anything but empty or a reference is the secret itself, numbers included (`-p123456`).
 */
export function isPasswordValue(value: string, shell = false): boolean {
  return value !== '' && !K8S_REFERENCE.test(value) && !(shell && SHELL_REFERENCE.test(value));
}

export function isLiteralSecret(value: string, shell = false): boolean {
  if (value === '' || value.startsWith('/') || NOT_A_SECRET.test(value) || K8S_REFERENCE.test(value)) return false;
  return !(shell && SHELL_REFERENCE.test(value));
}

/** `scheme://user:password@host`: the password goes, the rest stays (unless the password is a `$(VAR)` / `${VAR}` reference). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]*):([^\s/?#@'"]*)@/gi;

export function redactUrlCredentials(text: string): string {
  if (!text.includes('@')) return text; // nearly every string: no regex at all
  return text.replace(URL_USERINFO, (match, head: string, password: string) =>
    /^\$(?:\([A-Za-z_]\w*\)|\{[A-Za-z_]\w*\})$/.test(password) ? match : `${head}:${REDACTED}@`,
  );
}

/**
 * Word parts that name a credential on their own (plurals and run-together forms included).
 * `pwd` and `pass` count as whole word parts only: DB_PWD, SMTP_PASS, but not BYPASS or PASSTHROUGH.
 */
const CREDENTIAL_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'apikey',
  'apikeys',
  'privatekey',
  'accesskey',
]);
/** Two adjacent word parts that name a credential: api_key, privateKey, ACCESS-KEY. */
const CREDENTIAL_PAIRS: [string, string][] = [
  ['api', 'key'],
  ['api', 'keys'],
  ['private', 'key'],
  ['access', 'key'],
  ['access', 'keys'],
];
/**
 * A last word part that makes the name a reference to a credential or a setting about one, not
 * the credential itself: TOKEN_FILE, PASSWORD_PATH, DB_SECRET_NAME, TOKEN_URL, TOKEN_TTL.
 */
const QUALIFIERS = new Set([
  'file',
  'files',
  'filename',
  'path',
  'dir',
  'directory',
  'name',
  'ref',
  'location',
  'mount',
  'url',
  'uri',
  'endpoint',
  'ttl',
  'expiry',
  'expiration',
  'timeout',
  'length',
  'type',
  'header',
  'enabled',
  'disabled',
  'enable',
  'required',
  'policy',
  'mode',
  'format',
  'algorithm',
  'count',
  'size',
]);
/**
 * `*_KEY` names a credential (STRIPE_KEY, ENCRYPTION_KEY, AZURE_BATCH_KEY, tls.key) unless the part
 * before it makes it a data or lookup key: PARTITION_KEY, SORT_KEY, CACHE_KEY, PUBLIC_KEY, S3_KEY (an object name).
 */
const NOT_CREDENTIAL_KEY = new Set([
  'public',
  'partition',
  'sort',
  'primary',
  'foreign',
  'cache',
  'routing',
  'hash',
  'object',
  's3',
  'idempotency',
  'shard',
  'lookup',
  'map',
  'group',
  'label',
  'i18n',
  'translation',
  'feature',
  'flag',
  'message',
  'metric',
  'index',
  'row',
  'column',
  'redis',
  'prefix',
  'license',
  'site',
  'recaptcha',
  'publishable',
  'pub',
  'host',
  'ca',
  'cert',
  'crt',
  'dedup',
  'unique',
  'composite',
  'natural',
]);
/** Well-known variables whose value is a file path by convention. */
const PATH_VARIABLES = new Set(['GOOGLE_APPLICATION_CREDENTIALS']);

/** Splits a name into lower-case word parts: DB_PASSWORD -> db, password; githubToken -> github, token; APIKey -> api, key. */
function wordParts(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((segment) => segment.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [])
    .map((part) => part.toLowerCase());
}

/**
 * The credential word(s) a variable or config key name contains, as written in the rule
 * (`password`, `api_key`, `key`), or undefined. Shared by env literals and ConfigMap keys.
 */
export function credentialNameMatch(name: string): string | undefined {
  // Names repeat across thousands of workloads (LOG_LEVEL, DATABASE_URL): each is judged once.
  let known = nameMatches.get(name);
  if (known === undefined) {
    if (nameMatches.size >= MAX_REMEMBERED_NAMES) nameMatches.clear();
    nameMatches.set(name, (known = judgeName(name) ?? null));
  }
  return known ?? undefined;
}

const nameMatches = new Map<string, string | null>();
const MAX_REMEMBERED_NAMES = 10_000;

function judgeName(name: string): string | undefined {
  if (PATH_VARIABLES.has(name.toUpperCase())) return undefined;
  const parts = wordParts(name);
  const last = parts.length - 1;
  const final = parts[last];
  if (final === undefined || QUALIFIERS.has(final)) return undefined;
  for (const [i, part] of parts.entries()) {
    if (CREDENTIAL_WORDS.has(part)) return part;
    const pair = CREDENTIAL_PAIRS.find(([a, b]) => part === a && parts[i + 1] === b);
    if (pair) return pair.join('_');
  }
  // S3_KEY splits into s, 3, key: the part before may be two.
  const before = [parts[last - 1] ?? '', `${parts[last - 2] ?? ''}${parts[last - 1] ?? ''}`];
  if (last >= 1 && (final === 'key' || final === 'keys') && !before.some((b) => NOT_CREDENTIAL_KEY.has(b))) return final;
  return undefined;
}

/** The shape of a literal value, so checks can judge it without the value being kept (not even in a cache). */
export function classifyLiteral(value: string): RedactedValue {
  const length = value.length;
  let shape: RedactedValue['shape'] = 'plain';
  if (length === 0) shape = 'empty';
  else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) shape = 'private-key';
  // Kubernetes expands $(VAR) from other env entries: the credential, if any, lives there.
  else if (ENV_REFERENCE.test(value)) shape = referenceShape(value);
  else if (/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/.test(value)) shape = 'jwt';
  else if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(value)) shape = 'aws-access-key';
  else if (URL_CREDENTIALS.test(value)) shape = 'url-with-credentials';
  else if (BEARER.test(value)) shape = 'bearer-token';
  else if (GITHUB_TOKEN.test(value)) shape = 'github-token';
  else if (SLACK_WEBHOOK.test(value)) shape = 'slack-webhook';
  else if (length >= 16 && !/\s/.test(value) && shannonBitsPerChar(value) >= 3.5) shape = 'high-entropy';
  return { length, shape };
}

/** Value shapes that are credential material whatever they are called, in words for messages. */
export const SECRET_SHAPES: Partial<Record<RedactedValue['shape'], string>> = {
  'private-key': 'a PEM private key',
  jwt: 'a JSON Web Token',
  'aws-access-key': 'an AWS access key id',
  'url-with-credentials': 'a URL with an embedded user:password',
  'bearer-token': 'an HTTP Bearer token',
  'github-token': 'a GitHub token',
  'slack-webhook': 'a Slack webhook URL',
};

/** `Bearer <token>` (an Authorization header value), the token at least 8 characters and not a reference. */
const BEARER = /^Bearer\s+(?!\$)[A-Za-z0-9\-._~+/]{8,}=*$/i;
/** GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_ + 36 characters) and fine-grained (github_pat_). */
const GITHUB_TOKEN = /^(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})$/;
const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{10,}$/;
const ENV_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_]*\)/;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i;

/** A URL whose password is a literal still carries a credential, even when other parts are references. */
function referenceShape(value: string): RedactedValue['shape'] {
  const password = URL_CREDENTIALS.exec(value)?.[1];
  return password !== undefined && !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(password) ? 'url-with-credentials' : 'env-reference';
}

// Reused counters for ASCII (nearly every env literal); other characters fall back to a Map.
const asciiCounts = new Uint32Array(128);

function shannonBitsPerChar(s: string): number {
  let other: Map<number, number> | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) asciiCounts[c] = (asciiCounts[c] ?? 0) + 1;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let bits = 0;
  const add = (n: number): void => {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && asciiCounts[c]) {
      add(asciiCounts[c]);
      asciiCounts[c] = 0; // counted once, and the table is clean for the next call
    }
  }
  other?.forEach(add);
  return bits;
}
