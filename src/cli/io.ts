import { terminalText } from '../core/terminal-text.js';

/** Where commands write; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: reports default to the table format there. */
  isTTY?: boolean;
}

/** One line, prefixed, never a stack, no control characters (messages may quote cluster data). */
export const errorLine = (message: string): string => `kaudit: ${terminalText(message.replace(/\s*\n\s*/g, ' ')).trim()}\n`;
