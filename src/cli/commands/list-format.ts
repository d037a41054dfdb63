/**
 * Shared by the listing commands (who-can, rbac paths): the output format (a table on a terminal,
 * JSON otherwise) and what to say when the data they answer from could not be fully read.
 */
import type { Argv } from 'yargs';
import type { Inventory, InventoryKey } from '../../core/inventory.js';
import { terminalLine } from '../../core/terminal-text.js';
import { coverageGaps } from '../../engine/evaluate.js';
import type { Io } from '../io.js';

const LIST_FORMATS = ['table', 'json'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** -f/--format, with kubectl's -o as an alias (`-o json`). */
export const listFormatOption = <T>(y: Argv<T>) =>
  y.option('format', {
    alias: ['f', 'o'],
    type: 'string',
    choices: LIST_FORMATS,
    describe: 'Output format (default: table on a terminal, json otherwise)',
  });

export const listFormat = (a: { format?: ListFormat }, io: Io): ListFormat => a.format ?? (io.isTTY ? 'table' : 'json');

/** Exit code of an answer drawn from data that could not be fully read: it may miss subjects or paths. */
export const INCOMPLETE_EXIT = 1;

/**
 * The reads that failed or were never made among `keys`, each said on stderr. An answer from them
 * is incomplete (fail closed: never a silent "nobody can").
 */
export function unreadData(inventory: Inventory, keys: readonly InventoryKey[], io: Io): string[] {
  const gaps = coverageGaps(keys, inventory);
  for (const g of gaps) io.err(`kaudit: incomplete answer: ${terminalLine(g)}\n`);
  return gaps;
}
