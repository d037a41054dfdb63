import { terminalLine } from '../core/terminal-text.js';

/** Where commands write; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: reports default to the table format there. */
  isTTY?: boolean;
}

/** One line, prefixed, never a stack; messages may quote cluster data: no control characters, no URL password. */
export const errorLine = (message: string): string => `kaudit: ${terminalLine(message.replace(/\s*\n\s*/g, ' ')).trim()}\n`;

/** A stack for --debug: it starts with the message, so it is cleaned line by line like one. */
export const stackText = (stack: string): string => stack.split('\n').map(terminalLine).join('\n') + '\n';
