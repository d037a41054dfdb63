import { describe, it, expect } from '@jest/globals';
import { evaluatePodSecurity, parsePssVersion, type PssControlResult } from '../../src/pss/index.js';
import type { PodSpec } from '../../src/core/k8s.js';
import { compliantPod, pod, restrictedSC, run } from './helpers.js';

function restricted(version: string, spec: PodSpec, meta = {}): PssControlResult[] {
  return evaluatePodSecurity('restricted', parsePssVersion(version), meta, spec);
}
function failing(version: string, spec: PodSpec): string[] {
  return restricted(version, spec)
    .filter((r) => !r.allowed)
    .map((r) => r.id);
}

describe('restrictedVolumes', () => {
  it('passes every allowed volume type, image included, at every version', () => {
    const spec = pod([{ name: 'a' }], {
      volumes: [
        { name: 'cm', configMap: { name: 'x' } },
        { name: 'csi', csi: { driver: 'd' } },
        { name: 'dapi', downwardAPI: {} },
        { name: 'tmp', emptyDir: {} },
        { name: 'eph', ephemeral: { volumeClaimTemplate: {} } },
        { name: 'img', image: { reference: 'registry.k8s.io/x' } },
        { name: 'pvc', persistentVolumeClaim: { claimName: 'c' } },
        { name: 'proj', projected: { sources: [] } },
        { name: 's', secret: { secretName: 's' } },
      ],
    });
    expect(run('restrictedVolumes', spec, 'v1.0').allowed).toBe(true);
    expect(run('restrictedVolumes', spec, 'latest').allowed).toBe(true);
  });

  it('fails other types, reporting unknown sources as "unknown"', () => {
    const spec = pod([{ name: 'a' }], {
      volumes: [
        { name: 'h', hostPath: { path: '/' } },
        { name: 'n', nfs: { server: 's', path: '/' } },
        { name: 'c', configMap: { name: 'x' } },
        { name: 'weird', futureSource: {} },
        { name: 'none' },
      ],
    });
    const expected = 'one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret';
    expect(restricted('latest', spec).find((r) => r.id === 'restrictedVolumes')).toEqual({
      id: 'restrictedVolumes',
      title: 'Volume Types',
      level: 'restricted',
      allowed: false,
      reason: 'restricted volume types',
      detail: 'volumes "h", "n", "weird", "none" use restricted volume types "hostPath", "nfs", "unknown"',
      violations: [
        { path: '/spec/volumes/0/hostPath', observed: 'hostPath', expected },
        { path: '/spec/volumes/1/nfs', observed: 'nfs', expected },
        { path: '/spec/volumes/3', observed: 'unknown (futureSource)', expected },
        { path: '/spec/volumes/4', observed: 'unknown (no volume source)', expected },
      ],
    });
  });

  it('is not part of a baseline evaluation (a gitRepo volume passes baseline)', () => {
    const spec = pod([{ name: 'a' }], { volumes: [{ name: 'g', gitRepo: { repository: 'https://example.com/r.git' } }] });
    expect(evaluatePodSecurity('baseline', 'latest', {}, spec).every((r) => r.allowed)).toBe(true);
    expect(run('restrictedVolumes', spec).detail).toBe('volume "g" uses restricted volume type "gitRepo"');
  });
});

describe('allowPrivilegeEscalation', () => {
  it('passes false on every container', () => {
    expect(run('allowPrivilegeEscalation', compliantPod(), 'v1.8').allowed).toBe(true);
  });

  it('fails unset or true, in every container type', () => {
    const spec = pod(
      [
        { name: 'a', securityContext: { allowPrivilegeEscalation: true } },
        { name: 'b', securityContext: { allowPrivilegeEscalation: false } },
      ],
      {
        initContainers: [{ name: 'init' }],
        ephemeralContainers: [{ name: 'dbg', securityContext: {} }],
      },
    );
    const result = restricted('latest', spec).find((r) => r.id === 'allowPrivilegeEscalation');
    expect(result?.reason).toBe('allowPrivilegeEscalation != false');
    expect(result?.detail).toBe('containers "init", "a", "dbg" must set securityContext.allowPrivilegeEscalation=false');
    expect(result?.violations).toEqual([
      {
        container: 'init',
        containerType: 'initContainers',
        path: '/spec/initContainers/0/securityContext/allowPrivilegeEscalation',
        observed: 'unset',
        expected: 'false',
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/allowPrivilegeEscalation',
        observed: 'true',
        expected: 'false',
      },
      {
        container: 'dbg',
        containerType: 'ephemeralContainers',
        path: '/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation',
        observed: 'unset',
        expected: 'false',
      },
    ]);
  });

  it('applies from v1.8, not at v1.7', () => {
    const spec = pod([{ name: 'a', securityContext: { runAsNonRoot: true } }]);
    expect(failing('v1.7', spec)).toEqual([]);
    expect(failing('v1.8', spec)).toEqual(['allowPrivilegeEscalation']);
  });

  it('exempts Windows pods from v1.25, not at v1.24', () => {
    const spec = pod([{ name: 'a' }], { os: { name: 'windows' } });
    expect(run('allowPrivilegeEscalation', spec, 'v1.24').allowed).toBe(false);
    expect(run('allowPrivilegeEscalation', spec, 'v1.25').allowed).toBe(true);
    expect(run('allowPrivilegeEscalation', { ...spec, os: { name: 'linux' } }, 'v1.25').allowed).toBe(false);
  });
});

describe('runAsNonRoot (pod-level vs container-level)', () => {
  it('passes pod-level true inherited by containers', () => {
    expect(
      run('runAsNonRoot', pod([{ name: 'a' }, { name: 'b', securityContext: {} }], { securityContext: { runAsNonRoot: true } }), 'v1.0')
        .allowed,
    ).toBe(true);
  });

  it('passes container-level true without a pod value', () => {
    expect(run('runAsNonRoot', pod([{ name: 'a', securityContext: { runAsNonRoot: true } }])).allowed).toBe(true);
  });

  it('fails when neither pod nor container sets it', () => {
    const result = run(
      'runAsNonRoot',
      pod([{ name: 'a' }, { name: 'b', securityContext: { runAsNonRoot: true } }], { initContainers: [{ name: 'i' }] }),
    );
    expect(result.reason).toBe('runAsNonRoot != true');
    expect(result.detail).toBe('pod or containers "i", "a" must set securityContext.runAsNonRoot=true');
    expect(result.violations).toEqual([
      {
        container: 'i',
        containerType: 'initContainers',
        path: '/spec/initContainers/0/securityContext/runAsNonRoot',
        observed: 'unset',
        expected: 'true (here or in /spec/securityContext/runAsNonRoot)',
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/runAsNonRoot',
        observed: 'unset',
        expected: 'true (here or in /spec/securityContext/runAsNonRoot)',
      },
    ]);
  });

  it('fails an explicit container false even when the pod says true', () => {
    const result = run(
      'runAsNonRoot',
      pod([{ name: 'a', securityContext: { runAsNonRoot: false } }, { name: 'b' }], { securityContext: { runAsNonRoot: true } }),
    );
    expect(result.detail).toBe('container "a" must not set securityContext.runAsNonRoot=false');
    expect(result.violations).toEqual([
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/runAsNonRoot',
        observed: 'false',
        expected: 'true',
      },
    ]);
  });

  it('fails an explicit pod false even when every container says true', () => {
    const result = run(
      'runAsNonRoot',
      pod([{ name: 'a', securityContext: { runAsNonRoot: true } }], { securityContext: { runAsNonRoot: false } }),
    );
    expect(result.detail).toBe('pod must not set securityContext.runAsNonRoot=false');
    expect(result.violations).toEqual([{ path: '/spec/securityContext/runAsNonRoot', observed: 'false', expected: 'true' }]);
  });

  it('with a pod false, reports the explicit setter in the detail and every affected field in violations', () => {
    const result = run('runAsNonRoot', pod([{ name: 'a' }], { securityContext: { runAsNonRoot: false } }));
    expect(result.detail).toBe('pod must not set securityContext.runAsNonRoot=false');
    expect(result.violations.map((v) => v.path)).toEqual([
      '/spec/securityContext/runAsNonRoot',
      '/spec/containers/0/securityContext/runAsNonRoot',
    ]);
  });

  it('is skipped for user-namespace pods from v1.35, not at v1.34', () => {
    const spec = pod([{ name: 'a', securityContext: { runAsNonRoot: false } }], { hostUsers: false });
    expect(run('runAsNonRoot', spec, 'v1.34').allowed).toBe(false);
    expect(run('runAsNonRoot', spec, 'v1.35').allowed).toBe(true);
    expect(run('runAsNonRoot', { ...spec, hostUsers: true }, 'v1.35').allowed).toBe(false);
  });
});

describe('runAsUser', () => {
  it('passes unset and non-zero UIDs', () => {
    expect(
      run('runAsUser', pod([{ name: 'a', securityContext: { runAsUser: 1000 } }, { name: 'b' }], { securityContext: { runAsUser: 1 } }))
        .allowed,
    ).toBe(true);
  });

  it('fails 0 at pod and container level', () => {
    const result = run(
      'runAsUser',
      pod(
        [
          { name: 'a', securityContext: { runAsUser: 0 } },
          { name: 'b', securityContext: { runAsUser: 5 } },
        ],
        { securityContext: { runAsUser: 0 } },
      ),
      'v1.23',
    );
    expect(result.reason).toBe('runAsUser=0');
    expect(result.detail).toBe('pod and container "a" must not set runAsUser=0');
    expect(result.violations).toEqual([
      { path: '/spec/securityContext/runAsUser', observed: '0', expected: 'unset or a non-zero UID' },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/runAsUser',
        observed: '0',
        expected: 'unset or a non-zero UID',
      },
    ]);
  });

  it('fails a pod-level 0 even when every container overrides it', () => {
    expect(run('runAsUser', pod([{ name: 'a', securityContext: { runAsUser: 1000 } }], { securityContext: { runAsUser: 0 } })).detail).toBe(
      'pod must not set runAsUser=0',
    );
  });

  it('applies from v1.23, not at v1.22', () => {
    const spec = compliantPod();
    spec.securityContext = { runAsUser: 0 };
    expect(failing('v1.22', spec)).toEqual([]);
    expect(failing('v1.23', spec)).toEqual(['runAsUser']);
  });

  it('is skipped for user-namespace pods from v1.35, not at v1.34', () => {
    const spec = pod([{ name: 'a', securityContext: { runAsUser: 0 } }], { hostUsers: false });
    expect(run('runAsUser', spec, 'v1.34').allowed).toBe(false);
    expect(run('runAsUser', spec, 'v1.35').allowed).toBe(true);
  });
});

describe('seccompProfile_restricted (pod-level vs container-level)', () => {
  it('passes a pod-level profile inherited by containers', () => {
    expect(
      run(
        'seccompProfile_restricted',
        pod([{ name: 'a' }, { name: 'b', securityContext: {} }], { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
        'v1.19',
      ).allowed,
    ).toBe(true);
  });

  it('passes container-level profiles without a pod value', () => {
    expect(
      run(
        'seccompProfile_restricted',
        pod([{ name: 'a', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }]),
      ).allowed,
    ).toBe(true);
  });

  it('fails containers with no profile and no pod profile', () => {
    const result = run(
      'seccompProfile_restricted',
      pod([{ name: 'a', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, { name: 'b' }]),
    );
    expect(result.reason).toBe('seccompProfile');
    expect(result.detail).toBe('pod or container "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"');
    expect(result.violations).toEqual([
      {
        container: 'b',
        containerType: 'containers',
        path: '/spec/containers/1/securityContext/seccompProfile/type',
        observed: 'unset',
        expected: 'RuntimeDefault or Localhost (here or in /spec/securityContext/seccompProfile/type)',
      },
    ]);
  });

  it('fails an explicit Unconfined at either level, whatever the other says', () => {
    const podBad = run(
      'seccompProfile_restricted',
      pod([{ name: 'a', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }], {
        securityContext: { seccompProfile: { type: 'Unconfined' } },
      }),
    );
    expect(podBad.detail).toBe('pod must not set securityContext.seccompProfile.type to "Unconfined"');
    expect(podBad.violations).toEqual([
      { path: '/spec/securityContext/seccompProfile/type', observed: 'Unconfined', expected: 'RuntimeDefault or Localhost' },
    ]);
    const containerBad = run(
      'seccompProfile_restricted',
      pod([{ name: 'a', securityContext: { seccompProfile: { type: 'Unconfined' } } }], {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      }),
    );
    expect(containerBad.detail).toBe('container "a" must not set securityContext.seccompProfile.type to "Unconfined"');
  });

  it('applies from v1.19 (before that, only the baseline annotation check runs)', () => {
    const spec = pod([{ name: 'a', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true } }]);
    expect(failing('v1.18', spec)).toEqual([]);
    expect(failing('v1.19', spec)).toEqual(['seccompProfile_restricted']);
  });

  it('exempts Windows pods from v1.25, not at v1.24', () => {
    const spec = pod([{ name: 'a' }], { os: { name: 'windows' } });
    expect(run('seccompProfile_restricted', spec, 'v1.24').allowed).toBe(false);
    expect(run('seccompProfile_restricted', spec, 'v1.25').allowed).toBe(true);
  });
});

describe('capabilities_restricted', () => {
  it('passes drop ALL with at most NET_BIND_SERVICE added', () => {
    const spec = pod([{ name: 'a', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }]);
    expect(run('capabilities_restricted', spec, 'v1.22').allowed).toBe(true);
  });

  it('fails a missing drop ALL and other added capabilities', () => {
    const spec = pod([
      { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
      { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'], drop: ['NET_RAW'] } } },
      { name: 'c', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } } },
      { name: 'd' },
    ]);
    const result = restricted('latest', spec).find((r) => r.id === 'capabilities_restricted');
    expect(result?.reason).toBe('unrestricted capabilities');
    expect(result?.detail).toBe(
      'containers "a", "b", "d" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
    );
    const c = (name: string, index: number, field: string, observed: string, expected: string) => ({
      container: name,
      containerType: 'containers',
      path: `/spec/containers/${index}/securityContext/capabilities/${field}`,
      observed,
      expected,
    });
    expect(result?.violations).toEqual([
      c('a', 0, 'drop', 'unset', 'a list including "ALL"'),
      c('a', 0, 'add/0', 'FOO', 'only NET_BIND_SERVICE'),
      c('a', 0, 'add/1', 'BAR', 'only NET_BIND_SERVICE'),
      c('b', 1, 'drop', '["NET_RAW"]', 'a list including "ALL"'),
      c('b', 1, 'add/0', 'BAR', 'only NET_BIND_SERVICE'),
      c('b', 1, 'add/1', 'BAZ', 'only NET_BIND_SERVICE'),
      c('c', 2, 'add/1', 'CHOWN', 'only NET_BIND_SERVICE'),
      c('d', 3, 'drop', 'unset', 'a list including "ALL"'),
    ]);
  });

  it('applies from v1.22, not at v1.21 (where capabilities_baseline runs instead)', () => {
    const spec = pod([
      { name: 'a', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
    ]);
    expect(failing('v1.21', spec)).toEqual([]);
    expect(failing('v1.22', spec)).toEqual(['capabilities_restricted']);
  });

  it('exempts Windows pods from v1.25, not at v1.24', () => {
    const spec = pod([{ name: 'a' }], { os: { name: 'windows' } });
    expect(run('capabilities_restricted', spec, 'v1.24').allowed).toBe(false);
    expect(run('capabilities_restricted', spec, 'v1.25').allowed).toBe(true);
  });

  it('as upstream, a Windows pod exempt from capabilities_restricted is not checked by the replaced baseline control either', () => {
    const spec = pod([{ name: 'a', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }], { os: { name: 'windows' } });
    expect(restricted('v1.25', spec).filter((r) => r.id.startsWith('capabilities'))).toEqual([
      { id: 'capabilities_restricted', title: 'Capabilities', level: 'restricted', allowed: true, violations: [] },
    ]);
    expect(evaluatePodSecurity('baseline', parsePssVersion('v1.25'), {}, spec).find((r) => r.id === 'capabilities_baseline')?.allowed).toBe(
      false,
    );
  });
});

describe('restricted evaluation of a Windows pod', () => {
  it('needs only runAsNonRoot from v1.25, everything before', () => {
    const spec = pod([{ name: 'app' }], { os: { name: 'windows' } });
    expect(failing('v1.24', spec)).toEqual([
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'seccompProfile_restricted',
      'capabilities_restricted',
    ]);
    expect(failing('v1.25', spec)).toEqual(['runAsNonRoot']);
    expect(failing('latest', { ...spec, securityContext: { runAsNonRoot: true } })).toEqual([]);
  });
});

describe('restricted evaluation of a user-namespace pod', () => {
  it('drops runAsNonRoot and runAsUser from v1.35 but keeps the procMount rule', () => {
    const sc = { ...restrictedSC(), runAsNonRoot: false, runAsUser: 0, procMount: 'Unmasked' };
    const spec = pod([{ name: 'app', securityContext: sc }], { hostUsers: false });
    expect(failing('v1.34', spec)).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(failing('v1.35', spec)).toEqual(['procMount_restricted']);
    expect(evaluatePodSecurity('baseline', parsePssVersion('v1.35'), {}, spec).every((r) => r.allowed)).toBe(true);
  });
});
