/**
 * Errors that end a run with a known exit code and one clear line. Anything else is a bug and is
 * reported as such (exit 1 would hide it behind "findings"), see cli/exit.ts.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, cluster: 3 } as const;

export class KauditError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'KauditError';
  }
}

/** Bad flags, kubeconfig, manifests, exceptions file, unknown check id: exit 2. */
export class UsageError extends KauditError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** The cluster could not be reached, or refused our credentials: exit 3. */
export class ClusterError extends KauditError {
  constructor(message: string) {
    super(message, EXIT.cluster);
    this.name = 'ClusterError';
  }
}

/** "no such file", "is a directory", ... for an input file that could not be read. */
export function readProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory, not a file'
      : code === 'EACCES'
        ? 'permission denied'
        : `cannot be read (${code ?? (err as Error).message})`;
}

/** A value the code itself guarantees (an index it just checked, a key it just set): absent is a kaudit bug, reported as one. */
export function mustExist<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
}
