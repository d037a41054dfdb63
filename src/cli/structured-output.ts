/** `-o json` on listing commands (version, checks, benchmarks), as kubectl offers it. */
import type { Argv } from 'yargs';

export const structuredOutput = <T>(y: Argv<T>) =>
  y.option('output', { alias: 'o', type: 'string', choices: ['json'], describe: 'json: machine-readable output on stdout' });

export const isJsonOutput = (argv: { output?: unknown }): boolean => argv.output === 'json';
