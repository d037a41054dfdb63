/**
 * Credentials must never reach an error line, a warning or a debug log: URL userinfo
 * (`https://user:password@host`) is masked wherever it appears in a text. Kept free of client-node
 * so the CLI can apply it to every error line without loading the Kubernetes client.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*)@/gi;

/** `https://user:***@host`; a userinfo without a password (often a token) becomes `***`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}@`;
  });
}
