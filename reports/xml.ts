/** XML text and attribute escaping; characters XML 1.0 cannot carry at all are dropped. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** For attribute values: newlines and tabs as character references, so they survive attribute normalisation. */
export const xmlAttr = (s: string): string => s.replace(NOT_XML, '').replace(/[&<>"'\n\r\t]/g, (ch) => ENTITIES[ch] ?? ch);
/** For element text. */
export const xmlText = (s: string): string => s.replace(NOT_XML, '').replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);
