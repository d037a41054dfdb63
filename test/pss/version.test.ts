import { describe, it, expect } from '@jest/globals';
import {
  LATEST_PSS_VERSION,
  PSS_CONTROLS,
  controlsFor,
  evaluatePodSecurity,
  formatPssVersion,
  parsePssVersion,
  resolvePssVersion,
} from '../../src/pss/index.js';
import { compliantPod, minors } from './helpers.js';

describe('parsePssVersion', () => {
  it('accepts v1.N, 1.N and latest', () => {
    expect(parsePssVersion('v1.30')).toEqual({ major: 1, minor: 30 });
    expect(parsePssVersion('1.30')).toEqual({ major: 1, minor: 30 });
    expect(parsePssVersion('v1.0')).toEqual({ major: 1, minor: 0 });
    expect(parsePssVersion(' v1.25 ')).toEqual({ major: 1, minor: 25 });
    expect(parsePssVersion('latest')).toBe('latest');
  });

  it.each(['', 'v2.0', 'v1', '1.x', 'v1.030', 'Latest', 'v1.30.1', '1.-1', 'version1.3'])('rejects %j with a clear message', (text) => {
    expect(() => parsePssVersion(text)).toThrow(/invalid Pod Security Standards version .*expected "latest", "v1.<minor>" or "1.<minor>"/);
  });

  it('formats versions', () => {
    expect(formatPssVersion({ major: 1, minor: 7 })).toBe('v1.7');
    expect(formatPssVersion('latest')).toBe('latest');
  });
});

describe('version resolution', () => {
  it('latest is the newest version any control defines (v1.37)', () => {
    expect(LATEST_PSS_VERSION).toEqual({ major: 1, minor: 37 });
    const newest = Math.max(...PSS_CONTROLS.flatMap((c) => c.revisions.map((r) => r.since.minor)));
    expect(newest).toBe(LATEST_PSS_VERSION.minor);
    expect(resolvePssVersion('latest')).toEqual({ major: 1, minor: 37 });
  });

  it('clamps newer versions to the newest, as upstream does', () => {
    expect(resolvePssVersion({ major: 1, minor: 99 })).toEqual({ major: 1, minor: 37 });
    expect(resolvePssVersion({ major: 2, minor: 0 })).toEqual({ major: 1, minor: 37 });
    const spec = { containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] };
    expect(evaluatePodSecurity('restricted', { major: 1, minor: 99 }, {}, spec)).toEqual(
      evaluatePodSecurity('restricted', 'latest', {}, spec),
    );
  });

  it('keeps old versions as they are: there is no floor at v1.22', () => {
    expect(resolvePssVersion({ major: 1, minor: 0 })).toEqual({ major: 1, minor: 0 });
    expect(resolvePssVersion({ major: 1, minor: 7 })).toEqual({ major: 1, minor: 7 });
  });

  it('rejects malformed version objects', () => {
    expect(() => resolvePssVersion({ major: 0, minor: 5 })).toThrow(/invalid Pod Security Standards version/);
    expect(() => resolvePssVersion({ major: 1, minor: -1 })).toThrow(/invalid Pod Security Standards version/);
    expect(() => resolvePssVersion({ major: 1, minor: 1.5 })).toThrow(/invalid Pod Security Standards version/);
  });
});

describe('PSS_CONTROLS', () => {
  it('lists every control once, in documentation order', () => {
    expect(PSS_CONTROLS.map((c) => c.id)).toEqual([
      'windowsHostProcess',
      'hostNamespaces',
      'privileged',
      'capabilities_baseline',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'appArmorProfile',
      'seLinuxOptions',
      'procMount',
      'seccompProfile_baseline',
      'sysctls',
      'restrictedVolumes',
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
      'capabilities_restricted',
      'procMount_restricted',
    ]);
    expect(PSS_CONTROLS.map((c) => c.title)).toEqual([
      'HostProcess',
      'Host Namespaces',
      'Privileged Containers',
      'Capabilities',
      'HostPath Volumes',
      'Host Ports',
      'Host Probes / Lifecycle Hooks',
      'AppArmor',
      'SELinux',
      '/proc Mount Type',
      'Seccomp',
      'Sysctls',
      'Volume Types',
      'Privilege Escalation',
      'Running as Non-root',
      'Running as Non-root user',
      'Seccomp',
      'Capabilities',
      '/proc Mount Type',
    ]);
  });

  it('records the first version of each control', () => {
    const since = Object.fromEntries(PSS_CONTROLS.map((c) => [c.id, c.since.minor]));
    expect(since).toEqual({
      windowsHostProcess: 0,
      hostNamespaces: 0,
      privileged: 0,
      capabilities_baseline: 0,
      hostPathVolumes: 0,
      hostPorts: 0,
      hostProbesAndHostLifecycle: 34,
      appArmorProfile: 0,
      seLinuxOptions: 0,
      procMount: 0,
      seccompProfile_baseline: 0,
      sysctls: 0,
      restrictedVolumes: 0,
      allowPrivilegeEscalation: 8,
      runAsNonRoot: 0,
      runAsUser: 23,
      seccompProfile_restricted: 19,
      capabilities_restricted: 22,
      procMount_restricted: 35,
    });
  });

  it('has only restricted controls overriding baseline controls', () => {
    const baselineIds = new Set(PSS_CONTROLS.filter((c) => c.level === 'baseline').map((c) => c.id));
    for (const c of PSS_CONTROLS) {
      for (const r of c.revisions) {
        if (c.level === 'baseline') expect(r.overrides).toEqual([]);
        for (const id of r.overrides) expect(baselineIds.has(id)).toBe(true);
      }
    }
  });
});

describe('controlsFor', () => {
  it('baseline at v1.0 and at latest', () => {
    expect(controlsFor('baseline', parsePssVersion('v1.0')).map((c) => c.id)).toEqual([
      'windowsHostProcess',
      'hostNamespaces',
      'privileged',
      'capabilities_baseline',
      'hostPathVolumes',
      'hostPorts',
      'appArmorProfile',
      'seLinuxOptions',
      'procMount',
      'seccompProfile_baseline',
      'sysctls',
    ]);
    expect(controlsFor('baseline', 'latest').map((c) => c.id)).toEqual([
      'windowsHostProcess',
      'hostNamespaces',
      'privileged',
      'capabilities_baseline',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'appArmorProfile',
      'seLinuxOptions',
      'procMount',
      'seccompProfile_baseline',
      'sysctls',
    ]);
  });

  it('restricted includes the baseline controls minus the overridden ones', () => {
    expect(controlsFor('restricted', parsePssVersion('v1.0')).map((c) => c.id)).toEqual([
      'windowsHostProcess',
      'hostNamespaces',
      'privileged',
      'capabilities_baseline',
      'hostPorts',
      'appArmorProfile',
      'seLinuxOptions',
      'procMount',
      'seccompProfile_baseline',
      'sysctls',
      'restrictedVolumes',
      'runAsNonRoot',
    ]);
    expect(controlsFor('restricted', 'latest').map((c) => c.id)).toEqual([
      'windowsHostProcess',
      'hostNamespaces',
      'privileged',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'appArmorProfile',
      'seLinuxOptions',
      'sysctls',
      'restrictedVolumes',
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
      'capabilities_restricted',
      'procMount_restricted',
    ]);
  });

  it.each([
    ['v1.7', false, 'allowPrivilegeEscalation'],
    ['v1.8', true, 'allowPrivilegeEscalation'],
    ['v1.18', true, 'seccompProfile_baseline'],
    ['v1.19', false, 'seccompProfile_baseline'],
    ['v1.18', false, 'seccompProfile_restricted'],
    ['v1.19', true, 'seccompProfile_restricted'],
    ['v1.21', true, 'capabilities_baseline'],
    ['v1.22', false, 'capabilities_baseline'],
    ['v1.21', false, 'capabilities_restricted'],
    ['v1.22', true, 'capabilities_restricted'],
    ['v1.22', false, 'runAsUser'],
    ['v1.23', true, 'runAsUser'],
    ['v1.33', false, 'hostProbesAndHostLifecycle'],
    ['v1.34', true, 'hostProbesAndHostLifecycle'],
    ['v1.34', true, 'procMount'],
    ['v1.35', false, 'procMount'],
    ['v1.34', false, 'procMount_restricted'],
    ['v1.35', true, 'procMount_restricted'],
  ])('restricted at %s includes-%s %s', (version, included, id) => {
    expect(controlsFor('restricted', parsePssVersion(version)).some((c) => c.id === id)).toBe(included);
  });

  it('never lets restricted drop a baseline control without a restricted replacement, at any version', () => {
    for (const text of minors(LATEST_PSS_VERSION.minor)) {
      const v = parsePssVersion(text);
      const baseline = controlsFor('baseline', v).map((c) => c.id);
      const restricted = controlsFor('restricted', v);
      const overridden = new Set(restricted.flatMap((c) => c.overridesAt(v)));
      for (const id of baseline) {
        expect(restricted.some((c) => c.id === id) || overridden.has(id)).toBe(true);
      }
      expect(controlsFor('baseline', v).every((c) => c.level === 'baseline')).toBe(true);
    }
  });

  it('rejects an unknown level', () => {
    expect(() => controlsFor('privileged' as never, 'latest')).toThrow(/invalid Pod Security Standards level "privileged"/);
  });
});

describe('evaluatePodSecurity', () => {
  it('returns one result per effective control, in the same order', () => {
    for (const level of ['baseline', 'restricted'] as const) {
      for (const version of ['v1.0', 'v1.22', 'v1.25', 'latest']) {
        const v = parsePssVersion(version);
        const results = evaluatePodSecurity(level, v, {}, compliantPod());
        expect(results.map((r) => r.id)).toEqual(controlsFor(level, v).map((c) => c.id));
      }
    }
  });

  it('passes a fully hardened pod at every version and level', () => {
    for (const text of minors(LATEST_PSS_VERSION.minor)) {
      for (const level of ['baseline', 'restricted'] as const) {
        const failing = evaluatePodSecurity(level, parsePssVersion(text), undefined, compliantPod()).filter((r) => !r.allowed);
        expect(failing).toEqual([]);
      }
    }
  });

  it('passes the minimal pod at baseline and fails it at restricted', () => {
    const spec = { containers: [{ name: 'app', image: 'nginx' }] };
    expect(evaluatePodSecurity('baseline', 'latest', {}, spec).every((r) => r.allowed)).toBe(true);
    const failing = evaluatePodSecurity('restricted', 'latest', {}, spec)
      .filter((r) => !r.allowed)
      .map((r) => r.id);
    expect(failing).toEqual(['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted', 'capabilities_restricted']);
  });

  it('reports a restricted evaluation of a baseline violation under the baseline control', () => {
    const spec = { hostNetwork: true, containers: [{ name: 'app' }] };
    const result = evaluatePodSecurity('restricted', 'latest', {}, spec).find((r) => r.id === 'hostNamespaces');
    expect(result).toEqual({
      id: 'hostNamespaces',
      title: 'Host Namespaces',
      level: 'baseline',
      allowed: false,
      reason: 'host namespaces',
      detail: 'hostNetwork=true',
      violations: [{ path: '/spec/hostNetwork', observed: 'true', expected: 'unset or false' }],
    });
  });

  it('a control evaluated at a version where it does not apply imposes nothing', () => {
    const control = PSS_CONTROLS.find((c) => c.id === 'runAsUser')!;
    expect(control.appliesAt(parsePssVersion('v1.22'))).toBe(false);
    expect(control.evaluate({}, { securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] }, parsePssVersion('v1.22'))).toEqual({
      id: 'runAsUser',
      title: 'Running as Non-root user',
      level: 'restricted',
      allowed: true,
      violations: [],
    });
  });
});
