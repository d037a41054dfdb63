/**
 * Component settings: control-plane flags ({flag: value}) and kubelet configurations (nested).
 * Small (one per component or node), so every string is looked at: credential-named settings lose
 * literal values, header maps (`staticPodURLHeader`) lose every value, URL passwords go.
 * Applied where they enter an Inventory, and again when a snapshot is loaded.
 */
import { isCredentialName, isLiteralSecret, REDACTED, redactUrlCredentials } from './sanitize-values.js';

/**
 * Maps of HTTP headers (`staticPodURLHeader: {Authorization: ["Bearer ..."]}`): names stay, values go.
 * Only maps: `--requestheader-client-ca-file=/path` is a setting.
 */
const HEADER_KEY = /header/i;

export function sanitizeSettings<T extends Record<string, unknown>>(settings: T): T {
  return redactValue(settings, '', false) as T;
}

function redactValue(value: unknown, key: string, header: boolean): unknown {
  if (typeof value === 'string') {
    if (header) return REDACTED;
    return isCredentialName(key) && isLiteralSecret(value) ? REDACTED : redactUrlCredentials(value);
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key, header));
  // fromEntries defines own properties: a `__proto__` key stays a key.
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, k, header || (HEADER_KEY.test(k) && typeof v === 'object'))]),
    );
  return value;
}
