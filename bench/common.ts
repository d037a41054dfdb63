/** Small helpers shared by the bench entry points: flag parsing, peak RSS, the one-line JSON protocol. */
import { pathToFileURL } from 'node:url';

export type Flags = Record<string, string | true>;

/** `--name value`, `--name=value` and bare `--name` (true). Unknown flags are the caller's business. */
export function parseArgs(argv: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) throw new Error(`unexpected argument "${word}"`);
    const eq = word.indexOf('=');
    const following = argv[i + 1];
    if (eq > 0) flags[word.slice(2, eq)] = word.slice(eq + 1);
    else if (following !== undefined && !following.startsWith('--')) {
      flags[word.slice(2)] = following;
      i++;
    } else flags[word.slice(2)] = true;
  }
  return flags;
}

export function checkFlags(flags: Flags, known: readonly string[]): void {
  const unknown = Object.keys(flags).filter((f) => !known.includes(f));
  if (unknown.length)
    throw new Error(
      `unknown flag${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `--${f}`).join(', ')} (known: ${known.map((f) => `--${f}`).join(', ')})`,
    );
}

export function intFlag(flags: Flags, name: string, fallback: number, min = 1): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isInteger(n) || n < min)
    throw new Error(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const raw = flags[name];
  if (raw === true) throw new Error(`--${name} needs a value`);
  return raw;
}

/** Peak resident set size of this process so far, in MiB (maxRSS is in KiB). */
export const peakRssMiB = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

/** True when the module at `url` is the script node was started with. */
export const isMain = (url: string): boolean => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;

/** Children answer with exactly one JSON line on stdout. */
export function emit(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Runs an entry point: an error is reported on stderr (with its stack when BENCH_DEBUG is set) and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const text =
      err instanceof Error
        ? process.env.BENCH_DEBUG
          ? (err.stack ?? err.message)
          : `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`
        : String(err);
    process.stderr.write(`bench: ${text}\n`);
    process.exit(1);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}
