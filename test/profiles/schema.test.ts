import { describe, expect, it } from '@jest/globals';
import { loadProfiles, parseProfile } from '../../src/profiles/load.js';

const control = { id: '1.1', title: 'A control', type: 'automated', checks: ['pod-host-pid'] };
const profile = (extra: Record<string, unknown> = {}, c: Record<string, unknown> = control) => ({
  id: 'mine',
  title: 'Mine',
  version: '1',
  source: 'here',
  sections: [{ id: '1', title: 'One', controls: [c] }],
  ...extra,
});

describe('profiles are validated against docs/profile-schema.json', () => {
  it('accepts every shipped profile', () => {
    expect(loadProfiles().length).toBeGreaterThanOrEqual(4);
  });
  it('fills checks for manual controls', () => {
    const p = parseProfile('mine.yaml', profile({}, { id: 'M', title: 'Manual', type: 'manual', guidance: 'Ask.' }));
    expect(p.sections[0]!.controls[0]!.checks).toEqual([]);
  });
  it.each([
    ['a missing field', { ...profile(), source: undefined }, "benchmark mine.yaml: /: must have required property 'source'"],
    ['an unknown field', profile({ owner: 'x' }), 'benchmark mine.yaml: /: unknown field "owner"'],
    [
      'a wrong type',
      profile({}, { ...control, type: 'auto' }),
      'benchmark mine.yaml: /sections/0/controls/0/type: must be one of automated, manual',
    ],
    [
      'a misspelt control field',
      profile({}, { ...control, check: ['x'] }),
      'benchmark mine.yaml: /sections/0/controls/0: unknown field "check"',
    ],
    [
      'an unknown severity',
      profile({}, { ...control, severity: 'urgent' }),
      'benchmark mine.yaml: /sections/0/controls/0/severity: must be one of critical, high, medium, low, info',
    ],
    [
      'checks as a string',
      profile({}, { ...control, checks: 'pod-host-pid' }),
      'benchmark mine.yaml: /sections/0/controls/0/checks: must be array',
    ],
    ['an id that is not the file name', profile({ id: 'other' }), 'benchmark mine.yaml: /id: "other" must equal the file name'],
    [
      'duplicate control ids',
      { ...profile(), sections: [{ id: '1', title: 'One', controls: [control, control] }] },
      'benchmark mine.yaml: control 1.1: duplicate id',
    ],
  ])('rejects %s with one line naming the field', (_name, doc, message) => {
    expect(() => parseProfile('mine.yaml', JSON.parse(JSON.stringify(doc)))).toThrow(message);
  });
});
