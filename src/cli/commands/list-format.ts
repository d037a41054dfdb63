/** The output format of the listing commands (who-can, rbac paths): a table on a terminal, JSON otherwise. */
import type { Argv } from 'yargs';
import type { Io } from '../io.js';

export type ListFormat = 'table' | 'json';

/** -f/--format, with kubectl's -o as an alias (`-o json`). */
export const listFormatOption = <T>(y: Argv<T>) =>
  y.option('format', { alias: ['f', 'o'], type: 'string', choices: ['table', 'json'], describe: 'Output format (default: table on a terminal, json otherwise)' });

export const listFormat = (a: Record<string, unknown>, io: Io): ListFormat => (a.format as ListFormat | undefined) ?? (io.isTTY ? 'table' : 'json');
