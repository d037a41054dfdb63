/**
 * Credentials in command lines (container command/args, probe and lifecycle exec commands): the
 * values of credential-named flags and assignments, URL passwords and HTTP auth tokens are
 * redacted; flag names, paths, references, booleans, numbers and durations stay, as evidence.
 * Words are exec-form words (`["--password", "x"]`) or, when they hold whitespace, shell strings
 * (`sh -c "migrate --password=x && run"`), whose own words are redacted in place.
 */
import { isCredentialName, isLiteralSecret, MAY_HOLD_CREDENTIAL, REDACTED, redactUrlCredentials } from './sanitize-values.js';

export function redactArgs(words: unknown[]): unknown[] {
  // Hot path (every container of every pod): one test of the whole line before looking at words.
  if (!MAY_HOLD_CREDENTIAL.test(words.join(' '))) return words;
  const out = [...words];
  for (let i = 0; i < out.length; i++) {
    const word = out[i];
    if (typeof word !== 'string') continue;
    // The script after `sh -c` / `bash -ec` is a shell string, as is any word with spaces that is not `name=value`.
    const script = i > 0 && typeof out[i - 1] === 'string' && /^-[a-z]*c$/.test(out[i - 1] as string);
    let redacted = script ? word : redactWord(word);
    if (redacted === word && (script || /\s/.test(word))) redacted = redactShell(word);
    out[i] = redacted;
    if (redacted !== word) continue;
    // `--password x`: the next word is the value.
    const next = out[i + 1];
    if (word.startsWith('-') && !word.includes('=') && isCredentialName(word) && typeof next === 'string' && !next.startsWith('-') && isLiteralSecret(next)) out[++i] = REDACTED;
  }
  return out;
}

/**
 * One exec-form word: `--password=x`, `DB_PASSWORD=x` (the whole rest is the value, commas and
 * spaces included), `a=1,db.password=x` (helm --set lists), a URL with a password.
 */
function redactWord(word: string): string {
  const eq = word.indexOf('=');
  const name = eq > 0 ? word.slice(0, eq) : '';
  if (name && /^-{0,2}[\w.-]+$/.test(name) && isCredentialName(name)) return isLiteralSecret(word.slice(eq + 1)) ? `${name}=${REDACTED}` : word;
  if (/\s/.test(word)) return word; // a shell string: see redactShell
  return redactUrlCredentials(eq > 0 ? word.replace(LISTED_ASSIGNMENT, (m, sep: string, key: string, value: string) => (isCredentialName(key) && isLiteralSecret(value) ? `${sep}${key}=${REDACTED}` : m)) : word);
}

/** `name=value` inside a comma-separated list after a first `=` (`--set a=1,db.password=x`). */
const LISTED_ASSIGNMENT = /([=,])([A-Za-z_][\w.-]*)=((?:\\.|[^,])*)/g;

// A shell word: double-quoted (maybe unterminated), single-quoted, a command substitution, or bare up to an operator or quote.
const SHELL_VALUE = String.raw`"(?:[^"\\]|\\.)*"?|'[^']*'?|\$\((?:[^()]|\([^()]*\))*\)|[^\s;&|)'"]+`;
/** `--password=x`, `DB_PASSWORD="x"`, `-Ddb.password=x` in a shell string. */
const SHELL_ASSIGNMENT = new RegExp(String.raw`(?<![\w.-])(-{0,2}[A-Za-z_][\w.-]*)=(${SHELL_VALUE})`, 'g');
/** `--password x` in a shell string (the value does not start with `-`: that would be the next flag). */
const SHELL_FLAG_VALUE = new RegExp(String.raw`(?<![\w.-])(--?[A-Za-z_][\w.-]*)(\s+)(?=[^\s-])(${SHELL_VALUE})`, 'g');
/** `Authorization: Bearer x`, `Basic x` (curl -H in probes and hooks). */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[^\s'"]+/gi;

const unquote = (value: string): string => (/^["']/.test(value) ? value.slice(1, value.endsWith(value.charAt(0)) && value.length > 1 ? -1 : undefined) : value);

export function redactShell(line: string): string {
  if (!MAY_HOLD_CREDENTIAL.test(line)) return line;
  const redactValue = (m: string, name: string, sep: string, value: string) => (isCredentialName(name) && isLiteralSecret(unquote(value), true) ? `${name}${sep}${REDACTED}` : m);
  return redactUrlCredentials(
    line
      .replace(SHELL_ASSIGNMENT, (m, name: string, value: string) => redactValue(m, name, '=', value))
      .replace(SHELL_FLAG_VALUE, (m, name: string, sep: string, value: string) => redactValue(m, name, sep, value))
      .replace(AUTH_SCHEME, `$1$2${REDACTED}`),
  );
}
