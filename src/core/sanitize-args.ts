/**
 * Credentials in command lines (container command/args, probe and lifecycle exec commands): the
 * values of credential-named flags and assignments, URL passwords and HTTP auth tokens are
 * redacted; flag names, paths, references, booleans, numbers and durations stay, as evidence.
 * Words are exec-form words (`["--password", "x"]`) or, when they hold whitespace, shell strings
 * (`sh -c "migrate --password=x && run"`), whose own words are redacted in place.
 *
 * Some tools take a password under a short or generic option whose meaning depends on the tool, so
 * those are redacted per command name (the basename of an earlier word, or of the command that
 * starts a shell segment), and the same letters of every other tool stay (`-p 8080`, `-u 1000`):
 *
 * | command | redacted |
 * |---|---|
 * | mysql, mysqldump, mysqladmin, mysqlimport, mysqlshow, mysqlcheck, mysqlpump, mysqlsh, mariadb, mariadb-dump, mariadb-admin | `-pSECRET` (attached: `-p value` is a prompt and a database name) |
 * | curl | the password of `-u`/`--user`/`-U`/`--proxy-user user:pass` (`=`, attached `-uuser:pass` too); the user stays |
 * | curl (short options run together too: `-fsu user:pass`) | as above |
 * | sshpass, mongosh, mongo, cqlsh | `-p SECRET`, `-pSECRET` |
 * | redis-cli | `-a SECRET` |
 * | sqlcmd | `-P SECRET` |
 * | ldapsearch, ldapwhoami, ldapmodify, ldapadd, ldapdelete, ldappasswd | `-w SECRET` |
 *
 * In these positions every value but a reference is the password, numbers included (`-p123456`).
 *
 * `--password SECRET`, `PGPASSWORD=x cmd` and the like are credential names, redacted for any command.
 */
import {
  isCredentialName,
  isLiteralSecret,
  isPasswordValue,
  MAY_HOLD_CREDENTIAL,
  REDACTED,
  redactUrlCredentials,
} from './sanitize-values.js';

type Tool = 'mysql' | 'curl' | FlagTool;
/** Tools whose password is the value of one short option, attached or the next word. */
type FlagTool = 'sshpass' | 'redis-cli' | 'mongo' | 'cqlsh' | 'sqlcmd' | 'ldap';
const PASSWORD_FLAG: Record<FlagTool, string> = { sshpass: '-p', 'redis-cli': '-a', mongo: '-p', cqlsh: '-p', sqlcmd: '-P', ldap: '-w' };
const isFlagTool = (tool: Tool): tool is FlagTool => tool !== 'mysql' && tool !== 'curl';

/** Command names (basenames) whose short or generic options carry a password. */
const TOOLS: ReadonlyMap<string, Tool> = new Map<string, Tool>([
  ...[
    'mysql',
    'mysqldump',
    'mysqladmin',
    'mysqlimport',
    'mysqlshow',
    'mysqlcheck',
    'mysqlpump',
    'mysqlsh',
    'mariadb',
    'mariadb-dump',
    'mariadb-admin',
  ].map((n): [string, Tool] => [n, 'mysql']),
  ['curl', 'curl'],
  ['sshpass', 'sshpass'],
  ['redis-cli', 'redis-cli'],
  ['mongosh', 'mongo'],
  ['mongo', 'mongo'],
  ['cqlsh', 'cqlsh'],
  ['sqlcmd', 'sqlcmd'],
  ...['ldapsearch', 'ldapwhoami', 'ldapmodify', 'ldapadd', 'ldapdelete', 'ldappasswd'].map((n): [string, Tool] => [n, 'ldap']),
]);
/** Any of TOOLS in a line: with MAY_HOLD_CREDENTIAL, the hot-path test. */
const MAY_NAME_TOOL = /mysql|mariadb|curl|sshpass|redis-cli|mongo|cqlsh|sqlcmd|ldap/;
const mayHoldCredential = (line: string): boolean => MAY_HOLD_CREDENTIAL.test(line) || MAY_NAME_TOOL.test(line);

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** `user:password` → `user:<redacted>`; a value without a password (curl then prompts) or a reference stays. */
function redactUserPassword(value: string, shell = false): string | undefined {
  const colon = value.indexOf(':');
  if (colon < 0 || !isPasswordValue(value.slice(colon + 1), shell)) return undefined;
  return `${value.slice(0, colon)}:${REDACTED}`;
}

/**
 * One exec-form word of a TOOLS command: the redacted word, or 'next' when the next word is the
 * password (`curl -u` → user:password, `sshpass -p`, `redis-cli -a`), or undefined.
 */
function redactToolWord(tool: Tool, word: string): string | 'next' | 'user-next' | undefined {
  if (isFlagTool(tool)) {
    const flag = PASSWORD_FLAG[tool];
    if (word === flag) return 'next';
    return word.startsWith(flag) && isPasswordValue(word.slice(flag.length)) ? `${flag}${REDACTED}` : undefined;
  }
  if (tool === 'mysql') {
    const m = /^-p(.+)$/s.exec(word);
    return m?.[1] !== undefined && isPasswordValue(m[1]) ? `-p${REDACTED}` : undefined;
  }
  if (word === '--user' || word === '--proxy-user') return 'user-next';
  // curl's short options may run together: -u, -fsu, -fsSuuser:pass.
  const m = /^(--user=|--proxy-user=|-[A-Za-z]*[uU])(.*)$/s.exec(word);
  if (!m?.[1]) return undefined;
  if (!m[2]) return m[1].startsWith('--') ? undefined : 'user-next';
  const redacted = redactUserPassword(m[2]);
  return redacted !== undefined ? `${m[1]}${redacted}` : undefined;
}

export function redactArgs(words: unknown[]): unknown[] {
  // Hot path (every container of every pod): one test of the whole line before looking at words.
  if (!mayHoldCredential(words.join(' '))) return words;
  const out = [...words];
  let tool: Tool | undefined;
  for (let i = 0; i < out.length; i++) {
    const word = out[i];
    if (typeof word !== 'string') continue;
    const named = TOOLS.get(basename(word));
    if (named) {
      tool = named;
      continue;
    }
    if (tool) {
      const toolWord = redactToolWord(tool, word);
      const next = out[i + 1];
      if (toolWord === 'next' || toolWord === 'user-next') {
        if (typeof next !== 'string') continue;
        const redacted = toolWord === 'next' ? (isPasswordValue(next) ? REDACTED : undefined) : redactUserPassword(next);
        if (redacted !== undefined) out[++i] = redacted;
        continue;
      }
      if (toolWord !== undefined) {
        out[i] = toolWord;
        continue;
      }
    }
    // The script after `sh -c` / `bash -ec` is a shell string, as is any word with spaces that is not `name=value`.
    const script = i > 0 && typeof out[i - 1] === 'string' && /^-[a-z]*c$/.test(out[i - 1] as string);
    let redacted = script ? word : redactWord(word);
    if (redacted === word && (script || /\s/.test(word))) redacted = redactShell(word);
    out[i] = redacted;
    if (redacted !== word) continue;
    // `--password x`: the next word is the value.
    const next = out[i + 1];
    if (
      word.startsWith('-') &&
      !word.includes('=') &&
      isCredentialName(word) &&
      typeof next === 'string' &&
      !next.startsWith('-') &&
      isLiteralSecret(next)
    )
      out[++i] = REDACTED;
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
  if (name && /^-{0,2}[\w.-]+$/.test(name) && isCredentialName(name))
    return isLiteralSecret(word.slice(eq + 1)) ? `${name}=${REDACTED}` : word;
  if (/\s/.test(word)) return word; // a shell string: see redactShell
  return redactUrlCredentials(
    eq > 0
      ? word.replace(LISTED_ASSIGNMENT, (m, sep: string, key: string, value: string) =>
          isCredentialName(key) && isLiteralSecret(value) ? `${sep}${key}=${REDACTED}` : m,
        )
      : word,
  );
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

const unquote = (value: string): string =>
  /^["']/.test(value) ? value.slice(1, value.endsWith(value.charAt(0)) && value.length > 1 ? -1 : undefined) : value;

/** A TOOLS command and its words in a shell string, up to an operator (`;`, `&`, `|`, `)`) or the end. */
const SHELL_TOOL_SEGMENT = new RegExp(
  String.raw`(?<![\w.-])((?:[\w.-]*/)*)(${[...TOOLS.keys()].map((n) => n.replace(/[-.]/g, '\\$&')).join('|')})(?![\w.-])((?:\s+(?:${SHELL_VALUE})+)*)`,
  'g',
);
/** The options of each tool in such a segment (the leading space keeps `--password` and `-p` apart). */
const flagOption = (flag: string): RegExp => new RegExp(String.raw`(\s)(${flag})(\s*)(${SHELL_VALUE})`, 'g');
const SHELL_TOOL_OPTIONS: Record<Tool, RegExp> = {
  mysql: new RegExp(String.raw`(\s)(-p)()(?!\s)(${SHELL_VALUE})`, 'g'),
  curl: new RegExp(String.raw`(\s)(--user|--proxy-user)(=|\s+)(${SHELL_VALUE})|(\s)(-[A-Za-z]*[uU])(\s*)(${SHELL_VALUE})`, 'g'),
  sshpass: flagOption('-p'),
  'redis-cli': flagOption('-a'),
  mongo: flagOption('-p'),
  cqlsh: flagOption('-p'),
  sqlcmd: flagOption('-P'),
  ldap: flagOption('-w'),
};

function redactShellTools(line: string): string {
  if (!MAY_NAME_TOOL.test(line)) return line;
  return line.replace(SHELL_TOOL_SEGMENT, (segment: string, dir: string, name: string, rest: string) => {
    const tool = TOOLS.get(name);
    if (!tool) return segment;
    const redacted = rest.replace(SHELL_TOOL_OPTIONS[tool], (m: string, ...groups: (string | undefined)[]) => {
      const [space, flag, sep, value] = groups[0] !== undefined ? groups.slice(0, 4) : groups.slice(4, 8);
      if (space === undefined || flag === undefined || value === undefined) return m;
      const plain = unquote(value);
      const secret = tool === 'curl' ? redactUserPassword(plain, true) : isPasswordValue(plain, true) ? REDACTED : undefined;
      return secret === undefined ? m : `${space}${flag}${sep ?? ''}${secret}`;
    });
    return `${dir}${name}${redacted}`;
  });
}

export function redactShell(line: string): string {
  if (!mayHoldCredential(line)) return line;
  const redactValue = (m: string, name: string, sep: string, value: string) =>
    isCredentialName(name) && isLiteralSecret(unquote(value), true) ? `${name}${sep}${REDACTED}` : m;
  return redactUrlCredentials(
    redactShellTools(line)
      .replace(SHELL_ASSIGNMENT, (m, name: string, value: string) => redactValue(m, name, '=', value))
      .replace(SHELL_FLAG_VALUE, (m, name: string, sep: string, value: string) => redactValue(m, name, sep, value))
      .replace(AUTH_SCHEME, `$1$2${REDACTED}`),
  );
}
