import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

// The happy path writes into the repository and regenerates it, so it is exercised by hand
// (docs/writing-a-check.md); here: the ids it must refuse before writing anything.
const scaffold = (id: string) => spawnSync(process.execPath, ['scripts/new-check.js', id], { encoding: 'utf8' });

describe('npm run new-check', () => {
  it.each([
    ['', 'is not a kebab-case check id'],
    ['PodThing', 'is not a kebab-case check id'],
    ['widget-thing', 'needs a domain prefix'],
    ['pod-host-pid', 'checks/pod-host-pid.ts, test/checks/pod-host-pid.test.ts already exist'],
  ])('refuses %j with exit 2', (id, message) => {
    const r = spawnSync(process.execPath, ['scripts/new-check.js', id], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
  it('is the script behind npm run new-check', () => {
    expect(scaffold('x').stderr).toMatch(/^new-check: /);
  });
});
