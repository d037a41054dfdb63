/**
 * Typed objects and options (docs/writing-a-check.md). The `@ts-expect-error` lines are checked by
 * `npm run typecheck`: each fails the typecheck the day the type it guards stops catching the
 * mistake. The runtime parts check that the typed view is what the engine hands a check.
 */
import { describe, expect, it } from '@jest/globals';
import { defineCheck, type OptionsOf } from '../../src/core/check.js';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import { podTemplateOf, type Workload } from '../../src/core/k8s.js';
import { evaluateCheck } from '../../src/engine/evaluate.js';

const SCHEMA = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1 },
    names: { type: 'array', items: { type: 'string' } },
    strict: { type: 'boolean' },
    timeout: { type: ['integer', 'null'] },
  },
  additionalProperties: false,
} as const;

describe('check options typed from their schema', () => {
  it('gives select and evaluate the schema type, defaults merged with overrides', () => {
    const seen: OptionsOf<typeof SCHEMA>[] = [];
    const check = defineCheck({
      meta: {
        id: 'typed-options',
        title: 't',
        description: 'd',
        severity: 'low',
        requires: ['namespaces'],
        messages: { over: '{{name}} is over the first {{limit}}' },
        remediation: 'r',
        options: { defaults: { limit: 1, names: ['a'], strict: false, timeout: null }, schema: SCHEMA },
      },
      select(inv, options) {
        seen.push(options);
        const limit: number = options.limit;
        // @ts-expect-error an option the schema does not declare
        void options.limt;
        // @ts-expect-error a readonly string list, not a number
        const wrong: number = options.names;
        void wrong;
        return inv.namespaces.slice(limit);
      },
      evaluate(n, ctx) {
        const timeout: number | null = ctx.options.timeout;
        void timeout;
        ctx.report({ messageId: 'over', data: { name: n.metadata.name, limit: ctx.options.limit } });
      },
    });
    const inv: Inventory = emptyInventory({ type: 'manifests', collectedAt: 'now' });
    inv.collected.push('namespaces');
    for (const name of ['a', 'b', 'c']) inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

    expect(evaluateCheck(check, inv).findings.map((f) => f.message)).toEqual(['b is over the first 1', 'c is over the first 1']);
    expect(evaluateCheck(check, inv, { limit: 5 }).findings).toEqual([]);
    expect(seen).toEqual([
      { limit: 1, names: ['a'], strict: false, timeout: null },
      { limit: 5, names: ['a'], strict: false, timeout: null },
    ]);
  });

  it('rejects defaults that do not fit the schema', () => {
    const check = defineCheck({
      meta: {
        id: 'bad-default',
        title: 't',
        description: 'd',
        severity: 'low',
        requires: [],
        messages: { m: 'm' },
        remediation: 'r',
        // @ts-expect-error limit is an integer in the schema, not a string
        options: { defaults: { limit: 'one', names: [], strict: true, timeout: 3 }, schema: SCHEMA },
      },
      select: () => [],
      evaluate: () => undefined,
    });
    expect(check.meta.options?.defaults).toEqual({ limit: 'one', names: [], strict: true, timeout: 3 });
  });
});

describe('Kubernetes objects typed by Inventory key', () => {
  it('reads a workload pod template wherever its kind keeps it', () => {
    const inv = emptyInventory({ type: 'manifests', collectedAt: 'now' });
    const spec = { containers: [{ name: 'c', image: 'nginx' }] };
    inv.deployments.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec } } });
    inv.cronJobs.push({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec } } } },
    });
    const badSpec = { containers: 'c' };
    // @ts-expect-error a Deployment's template holds a pod spec, whose containers are a list
    inv.deployments.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: badSpec } } });
    inv.deployments.pop();
    const workloads: Workload[] = [...inv.deployments, ...inv.cronJobs];
    expect(workloads.map((w) => podTemplateOf(w)?.spec?.containers[0]?.image)).toEqual(['nginx', 'nginx']);
    // @ts-expect-error a field kaudit does not name is unknown (narrow it before use), never any
    const unnamed: string | undefined = inv.pods[0]?.spec?.priorityClassName;
    void unnamed;
  });
});
