/**
 * The scan pipeline shared by `scan` and `demo`: choose profiles and checks, collect what they
 * require, evaluate, and hand back the ScanResult with the exit code --fail-on asks for.
 */
import { UsageError } from '../core/errors.js';
import type { Inventory, InventoryKey } from '../core/inventory.js';
import type { Profile } from '../core/profile.js';
import type { ControlResult, ScanResult } from '../core/result.js';
import { atLeast, isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { toolVersion } from '../io/package-root.js';
import { loadCheckOptions } from '../engine/check-options.js';
import { loadExceptions } from '../engine/exceptions.js';
import { coverageGaps } from '../engine/evaluate.js';
import { runScan } from '../engine/scan.js';
import { withScanCaches } from '../core/scan-cache.js';
import { loadVersionMap, profileForVersion, selectProfiles } from '../profiles/load.js';
import { loadCatalog, parseCheckIds } from './registry.js';
import { networkSection } from '../../checks/_shared/netpol-summary.js';
import { formatPssVersion, parsePssVersion, pssVersionProblem, resolvePssVersion } from '../pss/index.js';
import { loadInventory, type SourceArgs } from './source.js';
import { releaseMemory } from './release-memory.js';
import { RESOURCE_KEYS } from '../core/resources.js';

export interface ScanArgs extends SourceArgs {
  benchmark?: string[];
  checks?: string[];
  skip?: string[];
  severity?: string;
  failOn?: string;
  /** Also exit 1 for controls not assessed because their data could not be read (at or above --fail-on when given). */
  failOnNotAssessed?: boolean;
  exceptions?: string;
  /** Pod Security Standards policy version: vX.Y or latest. */
  pssVersion?: string;
  /** YAML file of per-check options. */
  checkOptions?: string;
  /** Told when evaluation starts (a live read reports through onProgress). */
  onStage?: (text: string) => void;
  /** Judge dates (release support, backup age) as of this day, YYYY-MM-DD; default today. */
  asOf?: string;
  /** --cluster-name / KAUDIT_CLUSTER_NAME (checked by clusterNameArg): the report's scan.clusterName. */
  clusterName?: string;
}

/** A cluster name: what file names, Prometheus labels and kubeconfig names hold (an EKS ARN included). */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,252}$/;

/**
 * --cluster-name, else the environment's KAUDIT_CLUSTER_NAME (an empty variable is unset, so a
 * kustomize patch can blank it): the name a report is filed, pushed and summarised under, which
 * in a pod would otherwise be client-node's `inClusterContext` for every cluster.
 */
export function clusterNameArg(flag: unknown, env: Record<string, string | undefined>): string | undefined {
  const fromEnv = env.KAUDIT_CLUSTER_NAME;
  const [value, source] =
    flag !== undefined ? [String(flag), '--cluster-name'] : fromEnv ? [fromEnv, 'KAUDIT_CLUSTER_NAME'] : [undefined, ''];
  if (value === undefined) return undefined;
  if (!CLUSTER_NAME.test(value))
    throw new UsageError(
      `${source} ${JSON.stringify(value)}: not a cluster name (letters, digits and . _ : @ / -, starting with a letter or digit, at most 253)`,
    );
  return value;
}

export interface ScanOutcome {
  result: ScanResult;
  exitCode: number;
  /** The controls behind exit code 1, for the stderr line that explains it. */
  tripped: ControlResult[];
  failOn?: Severity;
  warnings: string[];
}

function severityFlag(flag: string, value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (!isSeverity(value)) throw new UsageError(`${flag}: unknown severity "${value}" (one of ${SEVERITIES.join(', ')})`);
  return value;
}

function pssVersionFlag(value: string): void {
  const problem = pssVersionProblem(value);
  if (problem !== undefined) throw new UsageError(`--pss-version: ${problem}`);
}

/** --as-of: a calendar date, so a report judged on dates can be reproduced; default the scan's start. */
function asOfFlag(value: string | undefined, startedAt: Date): string {
  if (value === undefined) return startedAt.toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(`${value}T23:59:59Z`) : undefined;
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--as-of: "${value}" is not a date (YYYY-MM-DD)`);
  return date.toISOString();
}

export async function scanPipeline(args: ScanArgs, log: (line: string) => void): Promise<ScanOutcome> {
  const startedAt = new Date();
  const catalog = loadCatalog();
  const onlyChecks = parseCheckIds('--checks', args.checks, catalog.checks);
  const skipChecks = parseCheckIds('--skip', args.skip, catalog.checks);
  const minSeverity = severityFlag('--severity', args.severity);
  const failOn = severityFlag('--fail-on', args.failOn);
  if (args.pssVersion !== undefined) pssVersionFlag(args.pssVersion);
  const asOf = asOfFlag(args.asOf, startedAt);
  const benchmarkIds = args.benchmark
    ?.flatMap((b) => b.split(','))
    .map((b) => b.trim())
    .filter(Boolean);
  if (args.benchmark?.length && !benchmarkIds?.length) throw new UsageError('--benchmark: name a profile (see `kaudit benchmarks`)');
  const explicit = benchmarkIds?.length ? selectProfiles(catalog.profiles, benchmarkIds) : undefined;
  const versionMap = loadVersionMap();
  // Without --benchmark the profile depends on the server version, known only after collection:
  // collect for every profile the version map could pick.
  const candidates: Profile[] = explicit ?? selectProfiles(catalog.profiles, [...new Set(versionMap.map((e) => e.profile))]);
  const keys = requiredKeys(candidates, catalog.checks, onlyChecks, skipChecks);
  const checkOptions = args.checkOptions ? await loadCheckOptions(args.checkOptions, catalog.checks) : undefined;

  const judge = ({ inventory, warnings }: { inventory: Inventory; warnings: string[] }) => {
    const profiles =
      explicit ?? selectProfiles(catalog.profiles, [profileForVersion(versionMap, inventory.version?.major, inventory.version?.minor)]);
    const knownControls = new Set(profiles.flatMap((p) => p.sections.flatMap((s) => s.controls.flatMap((c) => [c.id, `${p.id}/${c.id}`]))));
    const exceptions = args.exceptions ? loadExceptions(args.exceptions, new Set(catalog.checks.keys()), knownControls) : undefined;
    args.onStage?.(`evaluating ${selectedChecks(profiles, catalog.checks, onlyChecks, skipChecks).size} checks`);
    const settings = { pssVersion: args.pssVersion, asOf };
    const requested = parsePssVersion(args.pssVersion ?? 'latest');
    const pssVersion = { requested: formatPssVersion(requested), evaluatedAs: formatPssVersion(resolvePssVersion(requested)) };
    // Reading leaves every page's parsed objects behind as garbage (the Inventory keeps shared
    // copies): collected now, evaluation starts from a heap holding the Inventory alone, and V8 does
    // not mark the read's garbage while the checks run.
    const objects = inventorySize(inventory);
    if (objects >= RELEASE_AFTER_OBJECTS) releaseMemory();
    // One cache scope for the evaluation and the network section, which reuses the checks' policy model.
    const result = withScanCaches(() => {
      const scanned = runScan({
        inventory,
        profiles,
        registry: catalog.checks,
        onlyChecks,
        skipChecks,
        minSeverity,
        exceptions,
        settings,
        pssVersion,
        checkOptions,
        startedAt,
        toolVersion: toolVersion(),
        clusterName: args.clusterName,
      });
      if (!scanned.controls.length)
        throw new UsageError('the selection leaves no control to score (check --benchmark, --checks, --skip and --severity)');
      return Object.assign(scanned, networkSection(inventory, scanned.controls, catalog.checks, coverageGaps));
    });
    const unread = args.failOnNotAssessed ? controlsOnUnreadData(result, catalog.checks, inventory) : undefined;
    return { result, unread, warnings, objects };
  };
  // Read and judged in a function of its own: a frame that awaited the Inventory keeps it in a
  // register until it returns, so only once this one has returned is the Inventory garbage.
  const readAndJudge = async () =>
    judge(
      await loadInventory(
        { ...args, identity: true, nodeReportsAsOf: args.asOf !== undefined ? new Date(asOf) : args.nodeReportsAsOf },
        keys,
        log,
      ),
    );
  const { result, unread, warnings, objects } = await readAndJudge();
  if (objects >= RELEASE_AFTER_OBJECTS) releaseMemory();
  const tripped = trippedControls(result, failOn, unread);
  return { result, exitCode: tripped.length ? 1 : 0, tripped, failOn, warnings };
}

/** Objects read, of every kind: below this, a forced collection costs more than it gives back. */
const RELEASE_AFTER_OBJECTS = 20_000;

const inventorySize = (inv: Inventory): number => RESOURCE_KEYS.reduce((n, key) => n + inv[key].length, 0);

const controlKey = (c: ControlResult): string => `${c.profile}/${c.id}`;

/**
 * 1 when a control fails at or above --fail-on, or a check errored (it hides what it would have
 * found). With --fail-on-not-assessed (`unread`: the controls not assessed because their data
 * could not be read), such a control also trips it: at or above --fail-on, or any when --fail-on
 * is not given.
 */
export function exitCodeFor(result: ScanResult, failOn: Severity | undefined, unread?: ReadonlySet<string>): number {
  return trippedControls(result, failOn, unread).length ? 1 : 0;
}

/** The controls that make --fail-on (and --fail-on-not-assessed) exit 1, in report order. */
export function trippedControls(result: ScanResult, failOn: Severity | undefined, unread?: ReadonlySet<string>): ControlResult[] {
  const atOrAbove = (c: ControlResult) => failOn === undefined || atLeast(c.severity, failOn);
  return result.controls.filter(
    (c) =>
      (unread?.has(controlKey(c)) && atOrAbove(c)) ||
      (failOn !== undefined && ((c.status === 'fail' && atOrAbove(c)) || c.status === 'error')),
  );
}

/** The stderr line that says why the exit code is 1: how many controls, and the first ones. */
export function trippedLine(tripped: ControlResult[], failOn: Severity | undefined): string {
  const FIRST = 5;
  const gate = failOn ? `--fail-on ${failOn}` : '--fail-on-not-assessed';
  const ids = tripped.slice(0, FIRST).map((c) => `${c.profile} ${c.id} (${c.status === 'fail' ? c.severity : c.status})`);
  return `${gate}: exit 1 because of ${tripped.length} control${tripped.length === 1 ? '' : 's'}: ${ids.join(', ')}${tripped.length > FIRST ? `, … and ${tripped.length - FIRST} more` : ''}`;
}

/** Not-assessed controls one of whose checks lacks data that was not (fully) read, as the engine judged it. */
export function controlsOnUnreadData(
  result: ScanResult,
  checks: ReturnType<typeof loadCatalog>['checks'],
  inventory: Inventory,
): Set<string> {
  const unread = new Set<string>();
  for (const c of result.controls) {
    if (c.status !== 'not-assessed') continue;
    const lacksData = c.checks.some((id) => {
      const meta = checks.get(id)?.meta;
      return meta !== undefined && coverageGaps([...meta.requires, ...(meta.judgesAbsence ?? [])], inventory).length > 0;
    });
    if (lacksData) unread.add(controlKey(c));
  }
  return unread;
}

/** The checks the selected profiles use, after --checks and --skip. */
function selectedChecks(
  profiles: Profile[],
  checks: ReturnType<typeof loadCatalog>['checks'],
  only?: Set<string>,
  skip?: Set<string>,
): Set<string> {
  const ids = new Set<string>();
  for (const p of profiles)
    for (const s of p.sections)
      for (const c of s.controls) {
        for (const id of c.checks) if (checks.has(id) && !skip?.has(id) && (!only || only.has(id))) ids.add(id);
        // Evidence of a manual control is shown only when the control is (it has no checks: not with --checks).
        if (!only) for (const id of c.evidence ?? []) if (checks.has(id) && !skip?.has(id)) ids.add(id);
      }
  return ids;
}

function requiredKeys(
  profiles: Profile[],
  checks: ReturnType<typeof loadCatalog>['checks'],
  only?: Set<string>,
  skip?: Set<string>,
): Set<InventoryKey> {
  return new Set(
    [...selectedChecks(profiles, checks, only, skip)].flatMap((id) => [
      ...checks.get(id)!.meta.requires,
      ...(checks.get(id)!.meta.supplements ?? []),
    ]),
  );
}

/** One line for humans, on stderr, whatever the report format. */
export function summaryLine(result: ScanResult): string {
  const c = result.summary.counts;
  const parts = (Object.keys(c) as (keyof typeof c)[]).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  const score = result.summary.score === null ? 'no score (nothing could be assessed)' : `score ${result.summary.score}`;
  return `${result.controls.length} controls (${result.profiles.join(', ')}): ${parts.join(', ')}; ${score}`;
}
