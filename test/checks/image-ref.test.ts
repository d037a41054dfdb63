/**
 * checks/_shared/image-ref.ts against the OCI grammars: digests per algorithm (image-spec
 * descriptor.md), and references with tags, registry ports, localhost and digests with and without
 * tags (distribution's reference grammar). A malformed digest is not "pinned".
 */
import { describe, expect, it } from '@jest/globals';
import check from '../../checks/image-digest-pinned.js';
import { isWellFormedDigest, parseImageRef, type ImageRef } from '../../checks/_shared/image-ref.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const hex = (n: number): string => '0123456789abcdef'.repeat(Math.ceil(n / 16)).slice(0, n);
const SHA256 = `sha256:${hex(64)}`;

describe('isWellFormedDigest', () => {
  // [digest, well-formed, why]
  const table: [string, boolean, string][] = [
    [SHA256, true, 'sha256: 64 lowercase hex'],
    [`sha256:${hex(63)}`, false, 'sha256: one short'],
    [`sha256:${hex(65)}`, false, 'sha256: one long'],
    [`sha256:${hex(64).toUpperCase()}`, false, 'sha256: upper-case hex'],
    [`sha256:${hex(63)}g`, false, 'sha256: not hex'],
    [`sha384:${hex(96)}`, true, 'sha384: 96 lowercase hex'],
    [`sha384:${hex(64)}`, false, 'sha384: a sha256 length'],
    [`sha512:${hex(128)}`, true, 'sha512: 128 lowercase hex'],
    [`sha512:${hex(64)}`, false, 'sha512: a sha256 length'],
    [`sha512:${hex(127)}A`, false, 'sha512: upper case'],
    [`blake3:${hex(64)}`, true, 'blake3: 64 lowercase hex'],
    [`blake3:${hex(128)}`, false, 'blake3: too long'],
    [`blake3:${hex(63)}Z`, false, 'blake3: not hex'],
    ['multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8', true, 'unknown algorithm with a separator: the grammar alone'],
    ['sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564', true, 'unknown algorithm: base64url encoded'],
    ['x.y_z-1:abc=', true, 'unknown algorithm: every separator, = in encoded'],
    ['foo:a', true, 'unknown algorithm: one character encoded'],
    ['Sha256:' + hex(64), false, 'algorithm in upper case'],
    ['sha256', false, 'no encoded part'],
    ['sha256:', false, 'empty encoded part'],
    [':' + hex(64), false, 'no algorithm'],
    ['sha256+:' + hex(64), false, 'trailing separator in the algorithm'],
    ['+sha256:' + hex(64), false, 'leading separator in the algorithm'],
    ['sha__256:' + hex(64), false, 'two separators in a row'],
    ['foo:abc/def', false, '/ outside the encoded alphabet'],
    ['foo:abc+def', false, '+ outside the encoded alphabet'],
    ['foo:abc:def', false, 'a second colon'],
  ];
  it.each(table)('%s → %s (%s)', (digest, ok) => {
    expect(isWellFormedDigest(digest)).toBe(ok);
  });
});

describe('parseImageRef against the reference grammar', () => {
  // [reference, registry, repository, tag, digest, malformed digest]
  type Row = [string, string, string, string | undefined, string | undefined, string | undefined];
  const table: Row[] = [
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined, undefined],
    ['nginx:1.27.0-alpine', 'docker.io', 'library/nginx', '1.27.0-alpine', undefined, undefined],
    ['nginx:v1_2.3-rc.1', 'docker.io', 'library/nginx', 'v1_2.3-rc.1', undefined, undefined],
    ['library/nginx:latest', 'docker.io', 'library/nginx', 'latest', undefined, undefined],
    ['quay.io/org/app:2', 'quay.io', 'org/app', '2', undefined, undefined],
    ['registry.example.com:5000/team/app', 'registry.example.com:5000', 'team/app', undefined, undefined, undefined],
    ['registry.example.com:5000/team/app:1.0', 'registry.example.com:5000', 'team/app', '1.0', undefined, undefined],
    ['registry:5000/app', 'registry:5000', 'app', undefined, undefined, undefined],
    ['10.0.0.5:5000/app:3', '10.0.0.5:5000', 'app', '3', undefined, undefined],
    ['[::1]:5000/app:3', '[::1]:5000', 'app', '3', undefined, undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined, undefined],
    ['localhost:5000/app:dev', 'localhost:5000', 'app', 'dev', undefined, undefined],
    ['team/app', 'docker.io', 'team/app', undefined, undefined, undefined],
    [`app@${SHA256}`, 'docker.io', 'library/app', undefined, SHA256, undefined],
    [`app:1.0@${SHA256}`, 'docker.io', 'library/app', '1.0', SHA256, undefined],
    [`localhost:5000/app@${SHA256}`, 'localhost:5000', 'app', undefined, SHA256, undefined],
    [
      `registry.example.com:5000/team/app:1.0@sha512:${hex(128)}`,
      'registry.example.com:5000',
      'team/app',
      '1.0',
      `sha512:${hex(128)}`,
      undefined,
    ],
    [`app@blake3:${hex(64)}`, 'docker.io', 'library/app', undefined, `blake3:${hex(64)}`, undefined],
    [`app@sha384:${hex(96)}`, 'docker.io', 'library/app', undefined, `sha384:${hex(96)}`, undefined],
    ['app:1.0@sha256:abc', 'docker.io', 'library/app', '1.0', undefined, 'sha256:abc'],
    [`registry:5000/app@sha512:${hex(64)}`, 'registry:5000', 'app', undefined, undefined, `sha512:${hex(64)}`],
    ['app@latest', 'docker.io', 'library/app', undefined, undefined, 'latest'],
  ];
  it.each(table)('%s', (image, registry, repository, tag, digest, malformedDigest) => {
    const want: ImageRef = { raw: image, registry, repository };
    if (tag !== undefined) want.tag = tag;
    if (digest !== undefined) want.digest = digest;
    if (malformedDigest !== undefined) want.malformedDigest = malformedDigest;
    expect(parseImageRef(image)).toEqual(want);
  });
});

// A malformed digest is not "pinned"; each registered algorithm pins at its own length.
const pod = (images: string[]): string => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
${images.map((image, i) => `  - {name: c${i}, image: "${image}"}`).join('\n')}
`;

describe('image-digest-pinned with digests of every algorithm', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'sha256, sha384, sha512, blake3 and an unregistered algorithm',
          yaml: pod([
            `app@${SHA256}`,
            `app:1@sha384:${hex(96)}`,
            `app@sha512:${hex(128)}`,
            `app@blake3:${hex(64)}`,
            'app@sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564',
          ]),
        },
      ],
      fail: [
        {
          name: 'malformed digests are not pins',
          yaml: pod([`app@sha384:${hex(64)}`, `app@blake3:${hex(64).toUpperCase()}`]),
          findings: [
            {
              messageId: 'notPinned',
              resource: 'Pod/shop/p',
              path: '/spec/containers/0/image',
              observed: `image: app@sha384:${hex(64)} (malformed digest)`,
            },
            {
              messageId: 'notPinned',
              resource: 'Pod/shop/p',
              path: '/spec/containers/1/image',
              observed: `image: app@blake3:${hex(64).toUpperCase()} (malformed digest)`,
            },
          ],
        },
      ],
    },
    it,
  );
});
