import { describe, expect, it } from '@jest/globals';
import { sanitizeSettings } from '../../src/core/sanitize-settings.js';
import { findControlPlane } from '../../src/core/platform.js';
import { sanitizeObject } from '../../src/core/sanitize.js';

describe('sanitizeSettings', () => {
  it('redacts kubelet header values, credential-named literals and URL passwords, keeping every other setting', () => {
    const config = sanitizeSettings({
      staticPodURL: 'https://pods:s1@config.example/pods',
      staticPodURLHeader: { Authorization: ['Bearer s2'], 'X-Team': ['payments'] },
      authentication: {
        anonymous: { enabled: false },
        x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
        webhook: { cacheTTL: '2m0s' },
      },
      tlsPrivateKeyFile: 'pki/kubelet.key',
      readOnlyPort: 0,
      streamingConnectionIdleTimeout: '4h0m0s',
      tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      registryPullToken: 's3',
      serverTLSBootstrap: true,
    });
    expect(config).toEqual({
      staticPodURL: 'https://pods:<redacted>@config.example/pods',
      staticPodURLHeader: { Authorization: ['<redacted>'], 'X-Team': ['<redacted>'] },
      authentication: {
        anonymous: { enabled: false },
        x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
        webhook: { cacheTTL: '2m0s' },
      },
      tlsPrivateKeyFile: 'pki/kubelet.key',
      readOnlyPort: 0,
      streamingConnectionIdleTimeout: '4h0m0s',
      tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      registryPullToken: '<redacted>',
      serverTLSBootstrap: true,
    });
  });

  it('redacts component flags as parsed (a tampered snapshot is sanitized again with the same function)', () => {
    expect(
      sanitizeSettings({
        'etcd-servers': 'https://root:s1@10.0.0.1:2379',
        'token-auth-file': '/etc/kubernetes/tokens.csv',
        'oidc-client-secret': 's2',
        'anonymous-auth': 'false',
        'service-account-max-token-expiration': '48h',
        'authorization-mode': 'Node,RBAC',
        'requestheader-username-headers': 'X-Remote-User',
      }),
    ).toEqual({
      'etcd-servers': 'https://root:<redacted>@10.0.0.1:2379',
      'token-auth-file': '/etc/kubernetes/tokens.csv',
      'oidc-client-secret': '<redacted>',
      'anonymous-auth': 'false',
      'service-account-max-token-expiration': '48h',
      'authorization-mode': 'Node,RBAC',
      'requestheader-username-headers': 'X-Remote-User',
    });
  });

  it('keeps a `__proto__` key a key', () => {
    const out = sanitizeSettings(JSON.parse('{"__proto__": {"token": "s1"}}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"token":"<redacted>"}}');
  });
});

describe('findControlPlane', () => {
  it('parses flags from the sanitized static pod, without credentials', () => {
    const pod = sanitizeObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kube-apiserver-cp1', namespace: 'kube-system', labels: { component: 'kube-apiserver' } },
      spec: {
        containers: [
          {
            name: 'kube-apiserver',
            command: ['kube-apiserver', '--etcd-servers=https://u:s1@etcd:2379', '--oidc-client-secret', 's2', '--anonymous-auth=false'],
          },
        ],
      },
    });
    expect(findControlPlane([pod])[0]!.flags).toEqual({
      'etcd-servers': 'https://u:<redacted>@etcd:2379',
      'oidc-client-secret': '<redacted>',
      'anonymous-auth': 'false',
    });
  });
});
