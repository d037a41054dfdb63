/** Where commands write; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** One line, prefixed, never a stack. */
export const errorLine = (message: string): string => `kaudit: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
