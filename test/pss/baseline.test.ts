import { describe, it, expect } from '@jest/globals';
import { evaluatePodSecurity, parsePssVersion } from '../../src/pss/index.js';
import { compliantPod, pod, run } from './helpers.js';

const BOTH = ['baseline', 'restricted'] as const;

/** The result of one control inside a full evaluation at a level. */
function within(level: 'baseline' | 'restricted', version: string, id: string, spec: Parameters<typeof evaluatePodSecurity>[3], meta = {}) {
  return evaluatePodSecurity(level, parsePssVersion(version), meta, spec).find((r) => r.id === id);
}

describe('windowsHostProcess (HostProcess)', () => {
  it.each(BOTH)('passes hostProcess unset/false at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { windowsOptions: { hostProcess: false } } }], { os: { name: 'windows' } });
    expect(within(level, 'v1.0', 'windowsHostProcess', spec)?.allowed).toBe(true);
    expect(within(level, 'latest', 'windowsHostProcess', compliantPod())?.allowed).toBe(true);
  });

  it.each(BOTH)('fails hostProcess=true on pod and container at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { windowsOptions: { hostProcess: true } } }, { name: 'b' }], {
      securityContext: { windowsOptions: { hostProcess: true } },
    });
    expect(within(level, 'latest', 'windowsHostProcess', spec)).toEqual({
      id: 'windowsHostProcess',
      title: 'HostProcess',
      level: 'baseline',
      allowed: false,
      reason: 'hostProcess',
      detail: 'pod and container "a" must not set securityContext.windowsOptions.hostProcess=true',
      violations: [
        { path: '/spec/securityContext/windowsOptions/hostProcess', observed: 'true', expected: 'unset or false' },
        {
          container: 'a',
          containerType: 'containers',
          path: '/spec/containers/0/securityContext/windowsOptions/hostProcess',
          observed: 'true',
          expected: 'unset or false',
        },
      ],
    });
  });
});

describe('hostNamespaces', () => {
  it.each(BOTH)('passes when unset or false at %s', (level) => {
    expect(within(level, 'v1.0', 'hostNamespaces', pod([{ name: 'a' }], { hostNetwork: false, hostPID: false }))?.allowed).toBe(true);
  });

  it.each(BOTH)('fails each host namespace at %s', (level) => {
    const result = within(level, 'v1.0', 'hostNamespaces', pod([{ name: 'a' }], { hostNetwork: true, hostPID: false, hostIPC: true }));
    expect(result?.allowed).toBe(false);
    expect(result?.reason).toBe('host namespaces');
    expect(result?.detail).toBe('hostNetwork=true, hostIPC=true');
    expect(result?.violations).toEqual([
      { path: '/spec/hostNetwork', observed: 'true', expected: 'unset or false' },
      { path: '/spec/hostIPC', observed: 'true', expected: 'unset or false' },
    ]);
  });
});

describe('privileged', () => {
  it.each(BOTH)('passes privileged unset/false at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { privileged: false } }, { name: 'b' }]);
    expect(within(level, 'latest', 'privileged', spec)?.allowed).toBe(true);
  });

  it.each(BOTH)('checks init, regular and ephemeral containers at %s (upstream order)', (level) => {
    const spec = pod([{ name: 'app', securityContext: { privileged: true } }], {
      initContainers: [{ name: 'init', securityContext: { privileged: true } }],
      ephemeralContainers: [{ name: 'debug', securityContext: { privileged: true } }],
    });
    const result = within(level, 'v1.0', 'privileged', spec);
    expect(result?.reason).toBe('privileged');
    expect(result?.detail).toBe('containers "init", "app", "debug" must not set securityContext.privileged=true');
    expect(result?.violations).toEqual([
      {
        container: 'init',
        containerType: 'initContainers',
        path: '/spec/initContainers/0/securityContext/privileged',
        observed: 'true',
        expected: 'unset or false',
      },
      {
        container: 'app',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/privileged',
        observed: 'true',
        expected: 'unset or false',
      },
      {
        container: 'debug',
        containerType: 'ephemeralContainers',
        path: '/spec/ephemeralContainers/0/securityContext/privileged',
        observed: 'true',
        expected: 'unset or false',
      },
    ]);
  });
});

describe('capabilities_baseline', () => {
  it('passes the 13 default capabilities', () => {
    const add = [
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'MKNOD',
      'NET_BIND_SERVICE',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ];
    expect(run('capabilities_baseline', pod([{ name: 'a', securityContext: { capabilities: { add } } }]), 'v1.0').allowed).toBe(true);
  });

  it('fails other capabilities, NET_RAW included', () => {
    const spec = pod([{ name: 'a', securityContext: { capabilities: { add: ['NET_ADMIN', 'CHOWN', 'SYS_ADMIN'] } } }], {
      initContainers: [{ name: 'i', securityContext: { capabilities: { add: ['NET_RAW'] } } }],
    });
    const result = within('baseline', 'latest', 'capabilities_baseline', spec);
    expect(result?.reason).toBe('non-default capabilities');
    expect(result?.detail).toBe(
      'containers "i", "a" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
    );
    const expected =
      'one of AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';
    expect(result?.violations).toEqual([
      {
        container: 'i',
        containerType: 'initContainers',
        path: '/spec/initContainers/0/securityContext/capabilities/add/0',
        observed: 'NET_RAW',
        expected,
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/capabilities/add/0',
        observed: 'NET_ADMIN',
        expected,
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/capabilities/add/2',
        observed: 'SYS_ADMIN',
        expected,
      },
    ]);
  });

  it('runs under restricted only before v1.22 (then capabilities_restricted replaces it)', () => {
    const spec = pod([{ name: 'a', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }]);
    expect(within('restricted', 'v1.21', 'capabilities_baseline', spec)?.allowed).toBe(false);
    expect(within('restricted', 'v1.22', 'capabilities_baseline', spec)).toBeUndefined();
    expect(within('restricted', 'v1.22', 'capabilities_restricted', spec)?.allowed).toBe(false);
  });
});

describe('hostPathVolumes', () => {
  it('passes other volume types', () => {
    expect(run('hostPathVolumes', pod([{ name: 'a' }], { volumes: [{ name: 'c', configMap: { name: 'c' } }] }), 'v1.0').allowed).toBe(true);
  });

  it('fails a hostPath volume at baseline', () => {
    const spec = pod([{ name: 'a' }], {
      volumes: [
        { name: 'host', hostPath: { path: '/etc' } },
        { name: 'c', configMap: { name: 'c' } },
      ],
    });
    expect(within('baseline', 'v1.0', 'hostPathVolumes', spec)).toEqual({
      id: 'hostPathVolumes',
      title: 'HostPath Volumes',
      level: 'baseline',
      allowed: false,
      reason: 'hostPath volumes',
      detail: 'volume "host"',
      violations: [{ path: '/spec/volumes/0/hostPath', observed: '{"path":"/etc"}', expected: 'unset' }],
    });
  });

  it('is replaced by restrictedVolumes under restricted at every version', () => {
    const spec = pod([{ name: 'a' }], { volumes: [{ name: 'host', hostPath: { path: '/etc' } }] });
    for (const version of ['v1.0', 'latest']) {
      expect(within('restricted', version, 'hostPathVolumes', spec)).toBeUndefined();
      expect(within('restricted', version, 'restrictedVolumes', spec)?.detail).toBe('volume "host" uses restricted volume type "hostPath"');
    }
  });
});

describe('hostPorts', () => {
  it.each(BOTH)('passes hostPort unset or 0 at %s', (level) => {
    const spec = pod([{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }]);
    expect(within(level, 'latest', 'hostPorts', spec)?.allowed).toBe(true);
  });

  it.each(BOTH)('fails any other hostPort at %s', (level) => {
    const spec = pod(
      [
        {
          name: 'app',
          ports: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 90, hostPort: 0 },
          ],
        },
      ],
      {
        initContainers: [{ name: 'init', ports: [{ containerPort: 10, hostPort: 10 }] }],
      },
    );
    const result = within(level, 'v1.0', 'hostPorts', spec);
    expect(result?.reason).toBe('hostPort');
    // upstream sorts the ports as strings
    expect(result?.detail).toBe('containers "init", "app" use hostPorts 10, 8080');
    expect(result?.violations).toEqual([
      {
        container: 'init',
        containerType: 'initContainers',
        path: '/spec/initContainers/0/ports/0/hostPort',
        observed: '10',
        expected: 'unset or 0',
      },
      {
        container: 'app',
        containerType: 'containers',
        path: '/spec/containers/0/ports/0/hostPort',
        observed: '8080',
        expected: 'unset or 0',
      },
    ]);
  });

  it('uses the singular form for one container and port', () => {
    expect(run('hostPorts', pod([{ name: 'app', ports: [{ hostPort: 443 }] }])).detail).toBe('container "app" uses hostPort 443');
  });
});

describe('hostProbesAndHostLifecycle', () => {
  const spec = pod([
    { name: 'b', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } }, readinessProbe: { tcpSocket: { host: '', port: 80 } } },
    { name: 'a', lifecycle: { preStop: { tcpSocket: { host: 'example.com', port: 1 } } }, startupProbe: { httpGet: { port: 80 } } },
  ]);

  it.each(BOTH)('passes probes without host at %s', (level) => {
    expect(
      within(level, 'latest', 'hostProbesAndHostLifecycle', pod([{ name: 'a', livenessProbe: { httpGet: { port: 80, host: '' } } }]))
        ?.allowed,
    ).toBe(true);
  });

  it.each(BOTH)('fails a host in probes and lifecycle hooks at %s (v1.34)', (level) => {
    const result = within(level, 'v1.34', 'hostProbesAndHostLifecycle', spec);
    expect(result?.reason).toBe('probe or lifecycle host');
    expect(result?.detail).toBe('containers "a", "b" use probe or lifecycle hosts "10.0.0.1", "example.com"');
    expect(result?.violations).toEqual([
      {
        container: 'b',
        containerType: 'containers',
        path: '/spec/containers/0/livenessProbe/httpGet/host',
        observed: '10.0.0.1',
        expected: 'unset or ""',
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/1/lifecycle/preStop/tcpSocket/host',
        observed: 'example.com',
        expected: 'unset or ""',
      },
    ]);
  });

  it('checks postStart, httpGet lifecycle hooks and init containers', () => {
    const result = run(
      'hostProbesAndHostLifecycle',
      pod([{ name: 'app' }], { initContainers: [{ name: 'init', lifecycle: { postStart: { httpGet: { host: 'h', port: 1 } } } }] }),
    );
    expect(result.detail).toBe('container "init" uses probe or lifecycle host "h"');
    expect(result.violations[0]!.path).toBe('/spec/initContainers/0/lifecycle/postStart/httpGet/host');
  });

  it('does not exist before v1.34', () => {
    expect(within('baseline', 'v1.33', 'hostProbesAndHostLifecycle', spec)).toBeUndefined();
    expect(run('hostProbesAndHostLifecycle', spec, 'v1.33').allowed).toBe(true);
    expect(run('hostProbesAndHostLifecycle', spec, 'v1.34').allowed).toBe(false);
  });
});

describe('appArmorProfile', () => {
  it.each(BOTH)('passes allowed fields and annotations at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } }, { name: 'b' }], {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
    });
    const meta = {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/b': 'localhost/custom',
        'container.apparmor.security.beta.kubernetes.io/c': '',
        'other.example.com/x': 'unconfined',
      },
    };
    expect(within(level, 'latest', 'appArmorProfile', spec, meta)?.allowed).toBe(true);
  });

  it.each(BOTH)('fails Unconfined in fields and annotations at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { appArmorProfile: { type: 'Unconfined' } } }], {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
    });
    const meta = { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } };
    expect(within(level, 'latest', 'appArmorProfile', spec, meta)).toEqual({
      id: 'appArmorProfile',
      title: 'AppArmor',
      level: 'baseline',
      allowed: false,
      reason: 'forbidden AppArmor profiles',
      detail:
        'pod and container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined""',
      violations: [
        { path: '/spec/securityContext/appArmorProfile/type', observed: 'Unconfined', expected: 'unset, RuntimeDefault or Localhost' },
        {
          container: 'a',
          containerType: 'containers',
          path: '/spec/containers/0/securityContext/appArmorProfile/type',
          observed: 'Unconfined',
          expected: 'unset, RuntimeDefault or Localhost',
        },
        {
          container: 'a',
          containerType: 'containers',
          path: '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1a',
          observed: 'unconfined',
          expected: 'unset, "", runtime/default or localhost/<profile>',
        },
      ],
    });
  });

  it('judges pod and container fields independently (no precedence)', () => {
    const podUnconfined = pod([{ name: 'a', securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }], {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
    });
    const r1 = run('appArmorProfile', podUnconfined);
    expect(r1.reason).toBe('forbidden AppArmor profile');
    expect(r1.detail).toBe('pod must not set AppArmor profile type to "Unconfined"');
    const containerUnconfined = pod([{ name: 'a', securityContext: { appArmorProfile: { type: 'Unconfined' } } }], {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
    });
    expect(run('appArmorProfile', containerUnconfined).detail).toBe('container "a" must not set AppArmor profile type to "Unconfined"');
  });

  it('checks the fields at every policy version, as upstream (the v1.0 revision was amended in 1.30)', () => {
    const spec = pod([{ name: 'a', securityContext: { appArmorProfile: { type: 'Unconfined' } } }]);
    expect(run('appArmorProfile', spec, 'v1.29').allowed).toBe(false);
    expect(run('appArmorProfile', spec, 'v1.0').allowed).toBe(false);
  });

  it('reports an annotation for a container that does not exist without a containerType', () => {
    const result = run('appArmorProfile', pod([{ name: 'a' }]), 'v1.0', {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/ghost': 'unconfined' },
    });
    expect(result.detail).toBe(
      'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/ghost="unconfined""',
    );
    expect(result.violations).toEqual([
      {
        container: 'ghost',
        path: '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1ghost',
        observed: 'unconfined',
        expected: 'unset, "", runtime/default or localhost/<profile>',
      },
    ]);
  });
});

describe('seLinuxOptions', () => {
  it.each(BOTH)('passes allowed types at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { seLinuxOptions: { type: 'container_init_t', level: 's0:c1,c2' } } }], {
      securityContext: { seLinuxOptions: { type: 'container_t' } },
    });
    expect(within(level, 'v1.0', 'seLinuxOptions', spec)?.allowed).toBe(true);
  });

  it.each(BOTH)('fails other types, user and role at %s', (level) => {
    const spec = pod([{ name: 'a', securityContext: { seLinuxOptions: { type: 'spc_t', role: 'sysadm_r' } } }, { name: 'b' }], {
      securityContext: { seLinuxOptions: { user: 'system_u' } },
    });
    const result = within(level, 'latest', 'seLinuxOptions', spec);
    expect(result?.reason).toBe('seLinuxOptions');
    expect(result?.detail).toBe(
      'pod and container "a" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set',
    );
    expect(result?.violations).toEqual([
      { path: '/spec/securityContext/seLinuxOptions/user', observed: 'system_u', expected: 'unset or ""' },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/seLinuxOptions/type',
        observed: 'spc_t',
        expected: 'unset, "", container_t, container_init_t, container_kvm_t, container_engine_t',
      },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/seLinuxOptions/role',
        observed: 'sysadm_r',
        expected: 'unset or ""',
      },
    ]);
  });

  it('allows container_engine_t from v1.31, not at v1.30', () => {
    const spec = pod([{ name: 'a', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }]);
    const before = run('seLinuxOptions', spec, 'v1.30');
    expect(before.allowed).toBe(false);
    expect(before.detail).toBe('container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t"');
    expect(before.violations[0]!.expected).toBe('unset, "", container_t, container_init_t, container_kvm_t');
    expect(run('seLinuxOptions', spec, 'v1.31').allowed).toBe(true);
  });
});

describe('procMount', () => {
  it.each(BOTH)('passes unset and Default at %s', (level) => {
    const id = level === 'baseline' ? 'procMount' : 'procMount_restricted';
    const spec = pod([{ name: 'a', securityContext: { procMount: 'Default' } }, { name: 'b' }], { hostUsers: false });
    expect(within(level, 'latest', id, spec)?.allowed).toBe(true);
    expect(within(level, 'v1.0', 'procMount', spec)?.allowed).toBe(true);
  });

  it.each(BOTH)('fails Unmasked at %s', (level) => {
    const id = level === 'baseline' ? 'procMount' : 'procMount_restricted';
    const result = within(level, 'latest', id, pod([{ name: 'a', securityContext: { procMount: 'Unmasked' } }]));
    expect(result?.reason).toBe('procMount');
    expect(result?.detail).toBe('container "a" must not set securityContext.procMount to "Unmasked"');
    expect(result?.violations).toEqual([
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/procMount',
        observed: 'Unmasked',
        expected: 'unset or Default',
      },
    ]);
  });

  it('baseline allows any procMount for user-namespace pods from v1.35, not at v1.34', () => {
    const spec = pod([{ name: 'a', securityContext: { procMount: 'Unmasked' } }], { hostUsers: false });
    expect(within('baseline', 'v1.34', 'procMount', spec)?.allowed).toBe(false);
    expect(within('baseline', 'v1.35', 'procMount', spec)?.allowed).toBe(true);
    // hostUsers: true is not a user namespace
    expect(run('procMount', { ...spec, hostUsers: true }, 'v1.35').allowed).toBe(false);
  });

  it('restricted keeps forbidding it for user-namespace pods (procMount_restricted replaces procMount at v1.35)', () => {
    const spec = pod([{ name: 'a', securityContext: { procMount: 'Unmasked' } }], { hostUsers: false });
    expect(within('restricted', 'v1.34', 'procMount', spec)?.allowed).toBe(false);
    expect(within('restricted', 'v1.35', 'procMount', spec)).toBeUndefined();
    const result = within('restricted', 'v1.35', 'procMount_restricted', spec);
    expect(result?.allowed).toBe(false);
    expect(result?.title).toBe('/proc Mount Type');
    expect(result?.level).toBe('restricted');
  });
});

describe('seccompProfile_baseline', () => {
  it('before v1.19 checks the alpha annotations', () => {
    const spec = pod([{ name: 'a' }, { name: 'b' }]);
    const meta = {
      annotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/a': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/b': 'docker/default',
        'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined',
      },
    };
    expect(within('baseline', 'v1.18', 'seccompProfile_baseline', spec, meta)).toEqual({
      id: 'seccompProfile_baseline',
      title: 'Seccomp',
      level: 'baseline',
      allowed: false,
      reason: 'seccompProfile',
      detail:
        'forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
      violations: [
        {
          path: '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod',
          observed: 'unconfined',
          expected: 'unset, runtime/default, docker/default or localhost/<profile>',
        },
        {
          container: 'a',
          containerType: 'containers',
          path: '/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1a',
          observed: 'unconfined',
          expected: 'unset, runtime/default, docker/default or localhost/<profile>',
        },
      ],
    });
    // the same annotations are ignored from v1.19
    expect(within('baseline', 'v1.19', 'seccompProfile_baseline', spec, meta)?.allowed).toBe(true);
  });

  it('before v1.19 allows runtime/default, docker/default and localhost/* and ignores the fields', () => {
    const spec = pod([{ name: 'a', securityContext: { seccompProfile: { type: 'Unconfined' } } }]);
    const meta = {
      annotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'localhost/p',
        'container.seccomp.security.alpha.kubernetes.io/a': 'runtime/default',
      },
    };
    expect(run('seccompProfile_baseline', spec, 'v1.18', meta).allowed).toBe(true);
    expect(run('seccompProfile_baseline', spec, 'v1.19', meta).allowed).toBe(false);
  });

  it('from v1.19 checks the fields: unset, RuntimeDefault and Localhost pass, Unconfined fails', () => {
    const ok = pod([{ name: 'a', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }, { name: 'b' }], {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(run('seccompProfile_baseline', ok, 'v1.19').allowed).toBe(true);
    const bad = pod([{ name: 'a', securityContext: { seccompProfile: { type: 'Unconfined' } } }], {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
    });
    const result = within('baseline', 'latest', 'seccompProfile_baseline', bad);
    expect(result?.detail).toBe('pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"');
    expect(result?.violations).toEqual([
      { path: '/spec/securityContext/seccompProfile/type', observed: 'Unconfined', expected: 'unset, RuntimeDefault or Localhost' },
      {
        container: 'a',
        containerType: 'containers',
        path: '/spec/containers/0/securityContext/seccompProfile/type',
        observed: 'Unconfined',
        expected: 'unset, RuntimeDefault or Localhost',
      },
    ]);
  });

  it('runs under restricted only before v1.19 (then seccompProfile_restricted replaces it)', () => {
    const meta = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
    expect(within('restricted', 'v1.18', 'seccompProfile_baseline', pod([{ name: 'a' }]), meta)?.allowed).toBe(false);
    expect(within('restricted', 'v1.19', 'seccompProfile_baseline', pod([{ name: 'a' }]), meta)).toBeUndefined();
  });
});

describe('sysctls', () => {
  const withSysctls = (...names: string[]) =>
    pod([{ name: 'a' }], { securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) } });

  it.each(BOTH)('passes the v1.0 safe set at %s', (level) => {
    const spec = withSysctls(
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    );
    expect(within(level, 'v1.0', 'sysctls', spec)?.allowed).toBe(true);
  });

  it.each(BOTH)('fails unsafe sysctls at %s', (level) => {
    const result = within(level, 'latest', 'sysctls', withSysctls('kernel.msgmax', 'net.ipv4.tcp_syncookies', 'net.core.somaxconn'));
    expect(result?.reason).toBe('forbidden sysctls');
    expect(result?.detail).toBe('kernel.msgmax, net.core.somaxconn');
    expect(result?.violations.map((v) => [v.path, v.observed])).toEqual([
      ['/spec/securityContext/sysctls/0/name', 'kernel.msgmax'],
      ['/spec/securityContext/sysctls/2/name', 'net.core.somaxconn'],
    ]);
    expect(result?.violations[0]!.expected.startsWith('one of kernel.shm_rmid_forced, ')).toBe(true);
  });

  it.each([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_fin_timeout', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_intvl', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_probes', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_wmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_slow_start_after_idle', 'v1.36', 'v1.37'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ])('%s is forbidden at %s and allowed from %s', (name, before, from) => {
    const before_ = run('sysctls', withSysctls(name), before);
    expect(before_.allowed).toBe(false);
    expect(before_.detail).toBe(name);
    expect(run('sysctls', withSysctls(name), from).allowed).toBe(true);
    expect(run('sysctls', withSysctls(name), 'latest').allowed).toBe(true);
  });
});
