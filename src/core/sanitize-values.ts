/**
 * What a credential looks like in kept text: its name (flags, assignments, config keys), the values
 * that are settings rather than credentials (paths, references, booleans, numbers, durations), and
 * passwords inside URLs. Shared by the args, annotation and settings sanitizers.
 */

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
export function isLiteralSecret(value: string, shell = false): boolean {
  if (value === '' || value.startsWith('/') || NOT_A_SECRET.test(value) || K8S_REFERENCE.test(value)) return false;
  return !(shell && SHELL_REFERENCE.test(value));
}

/** `scheme://user:password@host`: the password goes, the rest stays (unless the password is a `$(VAR)` / `${VAR}` reference). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]*):([^\s/?#@'"]*)@/gi;

export function redactUrlCredentials(text: string): string {
  if (!text.includes('@')) return text; // nearly every string: no regex at all
  return text.replace(URL_USERINFO, (match, head: string, password: string) => (/^\$(?:\([A-Za-z_]\w*\)|\{[A-Za-z_]\w*\})$/.test(password) ? match : `${head}:${REDACTED}@`));
}
