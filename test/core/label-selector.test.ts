import { describe, expect, it } from '@jest/globals';
import { labelsMatch, mapSelectorMatches, selectorMatches, selectorRequirements } from '../../src/core/label-selector.js';

describe('selectorMatches', () => {
  const labels = { tier: 'web', env: 'prod' };
  it('implements matchLabels and matchExpressions', () => {
    expect(selectorMatches({ matchLabels: { tier: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { tier: 'db' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, labels)).toBe(false);
  });
  it('matches everything with an empty selector and nothing with a missing one', () => {
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });
});

describe('selectorRequirements', () => {
  it('turns matchLabels and matchExpressions into one requirement list', () => {
    expect(selectorRequirements({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'NotIn', values: ['x'] }] })).toEqual([
      { key: 'a', operator: 'equals', values: ['1'] },
      { key: 'b', operator: 'notIn', values: ['x'] },
    ]);
  });
  it('rejects malformed selectors (they match nothing)', () => {
    expect(selectorRequirements({ matchLabels: ['a'] })).toBeUndefined();
    expect(selectorRequirements({ matchLabels: { a: 1 } })).toBeUndefined();
    expect(selectorRequirements({ matchExpressions: {} })).toBeUndefined();
    expect(selectorRequirements({ matchExpressions: [{ operator: 'In', values: ['x'] }] })).toBeUndefined();
    expect(selectorMatches({ matchLabels: { a: 1 } }, { a: '1' })).toBe(false);
  });
  it('shares labelsMatch with the API server grammar', () => {
    expect(labelsMatch([{ key: 'a', operator: 'notEquals', values: ['1'] }], undefined)).toBe(true);
    expect(labelsMatch([{ key: 'a', operator: 'exists', values: [] }], { a: '' })).toBe(true);
  });
});

describe('mapSelectorMatches (Service spec.selector)', () => {
  it('matches on equality and selects nothing when empty', () => {
    expect(mapSelectorMatches({ app: 'web' }, { app: 'web', tier: 'x' })).toBe(true);
    expect(mapSelectorMatches({ app: 'web' }, { app: 'db' })).toBe(false);
    expect(mapSelectorMatches({}, { app: 'web' })).toBe(false);
    expect(mapSelectorMatches(undefined, { app: 'web' })).toBe(false);
  });
});
