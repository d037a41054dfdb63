/**
 * Cluster strings shown on a terminal (table reports, stderr lines). C0 and C1 control characters
 * and DEL are removed, so an object name, annotation or server message cannot move the cursor,
 * change colours, ring the bell, rewrite the line (a bare CR or BS) or open an escape sequence;
 * whitespace controls (tab, newline, CR...) become a space, so they cannot forge lines either.
 * Unicode bidirectional overrides go too: they reorder what is shown. strip-ansi removes only
 * well-formed ANSI sequences (a lone CR, BS or C1 CSI stays), so this is one regex of our own.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const terminalText = (text: string): string => text.replace(CONTROL, (c) => (c >= '\t' && c <= '\r' ? ' ' : ''));

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*)@/gi;

/**
 * Error lines, warnings and debug logs mask URL userinfo whole: `https://user:***@host`, and a
 * userinfo without a password (often a token) becomes `***`. (Inventory data keeps the user name as
 * evidence: see redactUrlCredentials.)
 */
export function maskUrlUserinfo(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}@`;
  });
}

/** A stderr line that may quote cluster input or the kubeconfig (a server URL with `user:password@`). */
export const terminalLine = (text: string): string => terminalText(maskUrlUserinfo(text));
