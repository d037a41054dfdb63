import { describe, expect, it } from '@jest/globals';
import { calicoMatches, parseCalicoSelector } from '../../checks/_shared/netpol-calico-selector.js';

const WEB = { app: 'web', tier: 'frontend', 'projectcalico.org/namespace': 'shop' };
const DB = { app: 'db', tier: 'backend' };
const BARE = {};
const PODS = { WEB, DB, BARE } as const;

/** Which of WEB, DB and BARE each selector matches (Calico's rules: != and not in match a missing label). */
const CASES: [string, (keyof typeof PODS)[]][] = [
  ['', ['WEB', 'DB', 'BARE']],
  ['all()', ['WEB', 'DB', 'BARE']],
  ['  all( )  ', ['WEB', 'DB', 'BARE']],
  ["app == 'web'", ['WEB']],
  ['app == "web"', ['WEB']],
  ["app != 'web'", ['DB', 'BARE']],
  ['has(tier)', ['WEB', 'DB']],
  ['!has(tier)', ['BARE']],
  ["app in {'web','db'}", ['WEB', 'DB']],
  ["app in { 'web' , 'cache' }", ['WEB']],
  ['app in {}', []],
  ["app not in {'web'}", ['DB', 'BARE']],
  ["app == 'web' && tier == 'frontend'", ['WEB']],
  ["app == 'web' && tier == 'backend'", []],
  ["app == 'web' || tier == 'backend'", ['WEB', 'DB']],
  // && binds tighter than ||.
  ["app == 'db' || app == 'web' && tier == 'backend'", ['DB']],
  ["(app == 'db' || app == 'web') && tier == 'backend'", ['DB']],
  ["!(app == 'web')", ['DB', 'BARE']],
  ['!!has(app)', ['WEB', 'DB']],
  ["!has(app) || app == 'db'", ['DB', 'BARE']],
  ["projectcalico.org/namespace == 'shop'", ['WEB']],
  ["tier contains 'end'", ['WEB', 'DB']],
  ["tier starts with 'front'", ['WEB']],
  ["tier ends with 'end'", ['WEB', 'DB']],
];

describe('Calico selector grammar', () => {
  it.each(CASES)('%s', (text, expected) => {
    const parsed = parseCalicoSelector(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(
      Object.entries(PODS)
        .filter(([, labels]) => calicoMatches(parsed.selector, labels))
        .map(([name]) => name),
    ).toEqual(expected);
  });

  it.each([
    ["app = 'web'", 'expected an operator after label "app" at character 5'],
    ['app == web', 'expected a quoted string at character 8'],
    ["app == 'web", 'unterminated string at character 8'],
    ["(app == 'web'", 'expected ")" at character 14'],
    ["app == 'web' &&", 'expected a label name at character 16'],
    ["app == 'web' and tier == 'x'", 'unexpected text at character 14'],
    ['has(app', 'expected ")" at character 8'],
    ["app in ('a')", 'expected "{" at character 8'],
    ["app not {'a'}", 'expected "in" at character 9'],
    ['all', 'expected "(" at character 4'],
  ])('%s is not understood: %s', (text, error) => {
    expect(parseCalicoSelector(text)).toEqual({ ok: false, error });
  });
});
