/**
 * The fault matrix: every fault the loopback server can inject, on each of pods, secrets,
 * clusterrolebindings, namespaces and kubelet /configz, through the real scan pipeline and the real
 * client. The served cluster is the demo cluster, whose controls on these kinds FAIL when the data is
 * complete, so a false pass shows. Each cell must end, with the right exit code, every control that
 * depends on the faulted kind not-assessed with the reason (or fail on findings from what was read),
 * and no control pass on data it did not get. Transient faults must give exactly the fault-free result.
 *
 * All cells are run in beforeAll (one server per kind, the kinds side by side so Retry-After waits and
 * timeouts overlap); the tests then judge each cell; afterAll prints the matrix to stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type ApiServer, type FaultRule } from '../../src/apiserver/index.js';
import { scanPipeline, type ScanArgs } from '../../src/pipeline/run-scan.js';
import { loadCatalog } from '../../src/pipeline/registry.js';
import { KauditError } from '../../src/core/errors.js';
import type { InventoryKey } from '../../src/core/inventory.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { demoInventory } from '../../src/demo/inventory.js';

interface Kind {
  /** Every request for this kind, wherever it is made (cluster-wide, per namespace, per node). */
  path: RegExp;
  /** Inventory keys whose data the fault withholds. */
  keys: InventoryKey[];
  /** Read in pages (continue tokens apply). */
  paged: boolean;
  /**
   * Exit code of `scan --fail-on-not-assessed` when the kind could not be read: 1, as some control
   * is then not-assessed (for secrets, the kaudit-network secret-hygiene controls; CIS 5.6.4 still
   * fails on what the pods show).
   */
  notReadExit: number;
}

const KINDS: Record<string, Kind> = {
  pods: { path: /\/pods$/, keys: ['pods', 'controlPlane', 'nodeReports'], paged: true, notReadExit: 1 }, // kube-system pods are the control plane; the node agent's pods are found by listing pods
  secrets: { path: /\/secrets$/, keys: ['secrets'], paged: true, notReadExit: 1 },
  clusterrolebindings: { path: /\/clusterrolebindings$/, keys: ['clusterRoleBindings'], paged: true, notReadExit: 1 },
  namespaces: { path: /^\/api\/v1\/namespaces$/, keys: ['namespaces'], paged: true, notReadExit: 1 },
  configz: { path: /\/proxy\/configz$/, keys: ['kubelets'], paged: false, notReadExit: 1 },
};

type Expect = 'baseline' | 'not-read' | 'gone';

interface Fault {
  name: string;
  rule: (kind: Kind) => Omit<FaultRule, 'path'>;
  /** baseline: transient, retried to the fault-free result; not-read: the kind's data is missing; gone: exit 3. */
  expect: Expect;
  /** For not-read: what every coverage entry of the kind says went wrong. */
  reason?: RegExp;
  pagedOnly?: boolean;
  /**
   * How its cells run: 'waits' cells (Retry-After) mostly idle and run for all kinds at once;
   * 'timeout' cells use a short --request-timeout and run one at a time like the rest (a scan
   * evaluating beside them would hold this one process's event loop past it); 'own-server' cells
   * stop their server, so each gets a fresh one.
   */
  run?: 'waits' | 'timeout' | 'own-server';
}

/** --request-timeout: generous (a busy machine must not time out a fault-free read), short where the fault is slowness. */
const REQUEST_TIMEOUT_S = 5;
const SHORT_REQUEST_TIMEOUT_S = 0.5;
const forever = Infinity;
const FAULTS: Fault[] = [
  {
    name: '403',
    rule: () => ({ type: '403', times: forever }),
    expect: 'not-read',
    reason: /Forbidden: forbidden: User "kaudit" cannot get path/,
  },
  {
    name: '404',
    rule: () => ({ type: '404', times: forever }),
    expect: 'not-read',
    reason: /NotFound: the server could not find the requested resource$/,
  },
  { name: '429 once', rule: () => ({ type: '429', retryAfterSeconds: 1 }), expect: 'baseline', run: 'waits' },
  {
    name: '429 forever',
    rule: () => ({ type: '429', retryAfterSeconds: 1, times: forever }),
    expect: 'not-read',
    reason: /TooManyRequests: Too many requests/,
    run: 'waits',
  },
  { name: '500 once', rule: () => ({ type: '500' }), expect: 'baseline' },
  {
    name: '500 forever',
    rule: () => ({ type: '500', times: forever }),
    expect: 'not-read',
    reason: /InternalError: Internal error occurred: injected fault$/,
  },
  {
    name: 'reset mid-body',
    rule: () => ({ type: 'reset-mid-body', times: forever }),
    expect: 'not-read',
    reason: /Network: \S+: (other side closed|terminated)/,
  },
  {
    name: 'truncated JSON',
    rule: () => ({ type: 'truncated', times: forever }),
    expect: 'not-read',
    reason: /BadResponse: the answer is not valid JSON \(\d+ bytes; cut off\?\)$/,
  },
  {
    name: '200 without items',
    rule: (k) => ({ type: 'body', body: k.paged ? { kind: 'List', apiVersion: 'v1', metadata: {} } : {}, times: forever }),
    expect: 'not-read',
    reason: /BadResponse: the (list answer has no items|answer has no kubeletconfig object)$/,
  },
  {
    name: 'items [null]',
    rule: (k) => ({ type: 'body', body: k.paged ? { kind: 'List', apiVersion: 'v1', metadata: {}, items: [null] } : null, times: forever }),
    expect: 'not-read',
    reason: /BadResponse: (object 1 of the page is null|the answer is null)$/,
  },
  { name: '410 on continue', rule: () => ({ type: '410', onlyWithContinue: true }), expect: 'baseline', pagedOnly: true },
  {
    name: 'endless continue',
    rule: () => ({ type: 'continue-endless', times: forever }),
    expect: 'not-read',
    reason: /Paging: the list did not end after 20 pages \(\d+ objects\): the server keeps sending continue tokens$/,
    pagedOnly: true,
  },
  {
    name: 'repeating continue',
    rule: () => ({ type: 'continue-repeat', times: forever }),
    expect: 'not-read',
    reason: /Paging: the server sent the same continue token again \(page 2\): the list would never end$/,
    pagedOnly: true,
  },
  {
    name: 'slower than --request-timeout',
    rule: () => ({ type: 'delay', delayMs: 3 * SHORT_REQUEST_TIMEOUT_S * 1000, times: forever }),
    expect: 'not-read',
    reason: /Timeout: request timed out$/,
    run: 'timeout',
  },
  { name: 'server gone mid-scan', rule: () => ({ type: 'gone' }), expect: 'gone', run: 'own-server' },
];

/** A cell that has not ended by then has hung: paging, retries and timeouts are all bounded well below it. */
const CELL_BOUND_MS = 20_000;
const catalog = loadCatalog();

interface Cell {
  code: number;
  result?: ScanResult;
  error?: string;
  ms: number;
}

interface Site {
  server: ApiServer;
  kubeconfig: string;
}

const baselines = new Map<string, Cell>();
const cells = new Map<string, Cell>(); // `${kind} × ${fault}`
const servers: ApiServer[] = [];
const dir = mkdtempSync(join(tmpdir(), 'kaudit-faults-'));
const kindEntries = Object.entries(KINDS);
const appliesTo = (fault: Fault, kind: Kind) => !fault.pagedOnly || kind.paged;

/** The demo cluster, plus a Secret in the default namespace: CIS 5.6.4 then fails on it, so its absence would show. */
function fixture() {
  const inv = demoInventory();
  inv.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-credentials', namespace: 'default' }, type: 'Opaque' });
  return inv;
}

async function serve(name: string): Promise<Site> {
  const server = await startApiServer({ inventory: fixture() });
  servers.push(server);
  const kubeconfig = join(dir, `${name}.kubeconfig`);
  writeFileSync(kubeconfig, server.kubeconfig({ contextName: 'faults' }));
  return { server, kubeconfig };
}

/** Controls whose checks read one of these keys (required, or judged by their absence). */
function dependsOn(control: { checks: readonly string[] }, keys: InventoryKey[]): boolean {
  return control.checks.some((id) => {
    const meta = catalog.checks.get(id)!.meta;
    return [...meta.requires, ...(meta.judgesAbsence ?? [])].some((k) => keys.includes(k));
  });
}

/** The shipped profiles with a control on the kind (every control of them is judged, dependent or not). */
const profilesFor = (kind: Kind): string[] =>
  catalog.profiles.filter((p) => p.sections.some((s) => s.controls.some((c) => dependsOn(c, kind.keys)))).map((p) => p.id);

/** One scan, in-process, as `kaudit scan --fail-on-not-assessed` runs it, with small retries and pages. */
async function scan(kind: Kind, kubeconfig: string, requestTimeout = REQUEST_TIMEOUT_S): Promise<Cell> {
  const args: ScanArgs = {
    kubeconfig,
    benchmark: profilesFor(kind),
    failOnNotAssessed: true,
    concurrency: 4,
    requestTimeout,
    // Pages of 5, so every list of the demo cluster takes several (continue faults apply); page cap 100 / 5 = 20.
    limits: { retries: 1, backoffMs: 5, pageSize: 5, maxListObjects: 100 },
  };
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`did not end within ${CELL_BOUND_MS} ms`)), CELL_BOUND_MS)),
  );
  try {
    const outcome = await Promise.race([scanPipeline(args, () => {}), hung]);
    return { code: outcome.exitCode, result: outcome.result, ms: Date.now() - started };
  } catch (err) {
    // As the CLI maps it (src/cli/main.ts): a KauditError carries its exit code, anything else is 4.
    if (err instanceof KauditError) return { code: err.exitCode, error: err.message, ms: Date.now() - started };
    return { code: err instanceof Error && err.message.startsWith('did not end') ? -1 : 4, error: String(err), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

async function runCell(kindName: string, fault: Fault, site: Site): Promise<void> {
  const kind = KINDS[kindName];
  site.server.clearFaults();
  site.server.addFault({ path: kind!.path, ...fault.rule(kind!) });
  cells.set(
    `${kindName} × ${fault.name}`,
    await scan(kind!, site.kubeconfig, fault.run === 'timeout' ? SHORT_REQUEST_TIMEOUT_S : REQUEST_TIMEOUT_S),
  );
  site.server.clearFaults();
}

beforeAll(async () => {
  const sites = new Map(await Promise.all(kindEntries.map(async ([name]) => [name, await serve(name)] as const)));
  // Scans are mostly CPU in this one process: one at a time, except cells that mostly wait.
  for (const [name, kind] of kindEntries) baselines.set(name, await scan(kind, sites.get(name)!.kubeconfig));
  for (const fault of FAULTS) {
    const kinds = kindEntries.filter(([, kind]) => appliesTo(fault, kind)).map(([name]) => name);
    const site = async (name: string) => (fault.run === 'own-server' ? serve(`${name}-own`) : sites.get(name)!);
    if (fault.run === 'waits' || fault.run === 'own-server')
      await Promise.all(kinds.map(async (name) => runCell(name, fault, await site(name))));
    else for (const name of kinds) await runCell(name, fault, await site(name));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
  printMatrix();
});

const byId = (r: ScanResult) => new Map(r.controls.map((c) => [`${c.profile}/${c.id}`, c]));
/** What a finding is about (check, object, field); its wording may say what could not be read. */
const findingKeys = (c: ControlResult) =>
  c.findings.map((f) => `${f.checkId} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name} ${f.path ?? ''}`);
const digest = (r: ScanResult) =>
  r.controls.map((c) => ({
    id: `${c.profile}/${c.id}`,
    status: c.status,
    reason: c.reason,
    findings: c.findings.map(
      (f) => `${f.checkId} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name} ${f.path ?? ''} ${f.message}`,
    ),
  }));

describe('fault-free baselines (the demo cluster, data complete)', () => {
  it.each(Object.keys(KINDS))("%s server: exit 0, nothing missing, the kind's controls fail", (kindName) => {
    const base = baselines.get(kindName)!;
    expect(base.error).toBeUndefined();
    expect(base.code).toBe(0);
    expect(base.result!.coverage).toEqual([]);
    // The fixture makes a false pass visible: controls on the kind fail when it is fully read.
    const dependent = base.result!.controls.filter((c) => dependsOn(c, KINDS[kindName]!.keys));
    expect(dependent.filter((c) => c.status === 'fail').length).toBeGreaterThan(0);
    const c564 = base.result!.controls.find((c) => c.profile === 'cis-1.12' && c.id === '5.6.4')!;
    expect(c564.findings.map((f) => `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`)).toContain(
      'Secret default/app-credentials',
    );
  });
});

const cases = kindEntries.flatMap(([kindName, kind]) => FAULTS.filter((f) => appliesTo(f, kind)).map((f) => [kindName, f.name] as const));

describe('fault matrix', () => {
  it.each(cases)('%s × %s', (kindName, faultName) => {
    const kind = KINDS[kindName];
    const fault = FAULTS.find((f) => f.name === faultName)!;
    const cell = cells.get(`${kindName} × ${faultName}`)!;
    const base = baselines.get(kindName)!.result!;
    expect(cell.ms).toBeLessThan(CELL_BOUND_MS);

    if (fault.expect === 'gone') {
      expect({ code: cell.code, error: cell.error }).toEqual({
        code: 3,
        error: expect.stringMatching(
          /^the API server stopped answering mid-scan: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
        ),
      });
      return;
    }
    expect(cell.error).toBeUndefined();
    const result = cell.result!;

    if (fault.expect === 'baseline') {
      // Retried to success: exactly the fault-free scan.
      expect(cell.code).toBe(0);
      expect(result.coverage).toEqual([]);
      expect(digest(result)).toEqual(digest(base));
      return;
    }

    // The read failed: recorded with a one-line reason; --fail-on-not-assessed trips where a control is not-assessed.
    expect(cell.code).toBe(kind!.notReadExit);
    const entries = result.coverage.filter((c) => kind!.keys.includes(c.key));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.reason).toMatch(/^[^\n]+$/);
    for (const e of entries) expect(e.reason).toMatch(fault.reason!);
    expect(result.coverage.every((c) => kind!.keys.includes(c.key))).toBe(true);

    const baseById = byId(base);
    const problems: string[] = [];
    for (const c of result.controls) {
      const id = `${c.profile}/${c.id}`;
      const before = baseById.get(id)!;
      if (dependsOn(c, kind!.keys)) {
        // Never pass (or anything else) on data it did not get: not-assessed naming the missing data, or fail on what was read.
        if (c.status === 'not-assessed') {
          if (!kind!.keys.some((k) => new RegExp(`\\b${k}( in namespace \\S+| on node \\S+)?: `).test(c.reason ?? '')))
            problems.push(`${id} not-assessed without naming the missing data: ${c.reason}`);
        } else if (c.status === 'fail') {
          if (!c.reason?.startsWith('partial: some data could not be read')) problems.push(`${id} fail without saying the data is partial`);
          const known = new Set(findingKeys(before));
          for (const f of findingKeys(c)) if (!known.has(f)) problems.push(`${id} has a finding the full data does not: ${f}`);
        } else {
          problems.push(`${id} is ${c.status} although its data could not be read (baseline ${before.status})`);
        }
      } else if (c.status !== before.status || findingKeys(c).join('\n') !== findingKeys(before).join('\n')) {
        problems.push(`${id} does not depend on ${kindName} but changed: ${before.status} -> ${c.status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function printMatrix(): void {
  const kinds = Object.keys(KINDS);
  const width = Math.max(...FAULTS.map((f) => f.name.length)) + 2;
  const col = 27;
  const outcome = (kindName: string, fault: Fault): string => {
    const cell = cells.get(`${kindName} × ${fault.name}`);
    if (!cell) return '—';
    const base = baselines.get(kindName)?.result;
    const ms = ` ${(cell.ms / 1000).toFixed(1)}s`;
    if (!cell.result) return `${cell.code} ${cell.code === 3 ? 'stopped' : 'error'}${ms}`;
    const dependent = cell.result.controls.filter((c) => dependsOn(c, KINDS[kindName]!.keys));
    const na = dependent.filter((c) => c.status === 'not-assessed').length;
    const partial = dependent.filter((c) => c.status === 'fail' && c.reason?.startsWith('partial')).length;
    const passes = dependent.filter((c) => c.status === 'pass').length;
    if (base && !cell.result.coverage.length && JSON.stringify(digest(cell.result)) === JSON.stringify(digest(base)))
      return `${cell.code} =baseline${ms}`;
    return `${cell.code} ${na} n-a ${partial} partial${passes ? ` ${passes} PASS` : ''}${ms}`;
  };
  const lines = [
    'kaudit fault matrix: exit code (scan --fail-on-not-assessed) and the controls depending on the faulted kind',
    `(n-a = not-assessed with the reason; partial = fail on what was read; =baseline = same as the fault-free scan)`,
    '',
    'fault'.padEnd(width) + kinds.map((k) => k.padEnd(col)).join(''),
    'baseline'.padEnd(width) + kinds.map((k) => `${baselines.get(k)?.code ?? '?'} complete`.padEnd(col)).join(''),
    ...FAULTS.map((f) => f.name.padEnd(width) + kinds.map((k) => `${outcome(k, f)} `.padEnd(col)).join('')),
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');
}
