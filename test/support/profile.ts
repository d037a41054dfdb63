import type { Profile, ProfileControl, ProfileSection } from '../../src/core/profile.js';

/** A test profile `test` whose first section, `1 Pods`, holds these controls; more sections may follow. */
export const testProfile = (controls: ProfileControl[], ...more: ProfileSection[]): Profile => ({
  id: 'test',
  title: 'Test',
  version: '1',
  source: 'test',
  sections: [{ id: '1', title: 'Pods', controls }, ...more],
});
