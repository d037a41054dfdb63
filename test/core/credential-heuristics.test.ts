/** The credential heuristics, both directions: what must be recognised and ordinary config that must not be. */
import { describe, expect, it } from '@jest/globals';
import { judgeConfigEntry, judgeConfigMapData, prunedVerdicts } from '../../src/core/config-credentials.js';
import { classifyLiteral, credentialNameMatch, SECRET_SHAPES } from '../../src/core/sanitize-values.js';

const GHP = `ghp_${'a1B2'.repeat(9)}`;

describe('credential names', () => {
  it.each([
    ['DB_PASSWORD', 'password'],
    ['DB_PWD', 'pwd'],
    ['SMTP_PASS', 'pass'],
    ['MYSQL_ROOT_PASSWD', 'passwd'],
    ['GPG_PASSPHRASE', 'passphrase'],
    ['STRIPE_KEY', 'key'],
    ['ENCRYPTION_KEY', 'key'],
    ['AZURE_BATCH_KEY', 'key'],
    ['tls.key', 'key'],
    ['SSH_KEYS', 'keys'],
    ['SLACK_TOKEN', 'token'],
    ['githubToken', 'token'],
    ['CLIENT_SECRET', 'secret'],
    ['STRIPE_API_KEY', 'api_key'],
    ['AWS_ACCESS_KEY_ID', 'access_key'],
    ['registry.credentials', 'credentials'],
  ])('%s names a credential (%s)', (name, match) => expect(credentialNameMatch(name)).toBe(match));

  it.each([
    'BYPASS_CACHE',
    'PASSTHROUGH',
    'PASSWORD_FILE',
    'TOKEN_URL',
    'DB_SECRET_NAME',
    'TOKEN_TTL',
    'AUTH_ENABLED',
    'PASSWORD_POLICY',
    'PARTITION_KEY',
    'SORT_KEY',
    'CACHE_KEY',
    'PUBLIC_KEY',
    'S3_KEY',
    'REDIS_KEY_PREFIX',
    'FEATURE_FLAG_KEY',
    'KEY',
    'MONKEY',
    'TURKEY_REGION',
    'LOG_LEVEL',
    'DATABASE_HOST',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'COMPASS_URL',
    'PASSWORD_MIN_LENGTH',
    'ca.key.path',
  ])('%s does not', (name) => expect(credentialNameMatch(name)).toBeUndefined());
});

describe('credential value shapes', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', 'private-key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----', 'private-key'],
    ['Bearer abcdef0123456789', 'bearer-token'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'jwt'],
    [GHP, 'github-token'],
    [`github_pat_${'A1b2_'.repeat(12)}`, 'github-token'],
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX', 'slack-webhook'],
    ['AKIAABCDEFGHIJKLMNOP', 'aws-access-key'],
    ['https://user:hunter2@git.example/repo.git', 'url-with-credentials'],
  ])('%s is %s', (value, shape) => expect(classifyLiteral(value).shape).toBe(shape));

  it.each([
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
    'Bearer $(TOKEN)',
    'Bearer',
    'bearer of bad news',
    'ghp_short',
    'https://hooks.slack.com/',
    'https://example.com/path?user=a',
    'postgres://app@db:5432/app',
    'eyJhbGciOiJIUzI1NiJ9',
    'AKIA-not-a-key',
    'info',
    '8080',
  ])('%s is no credential shape', (value) => expect(SECRET_SHAPES[classifyLiteral(value).shape]).toBeUndefined());
});

describe('ConfigMap entries (verdict only)', () => {
  it('finds credentials by key name, value shape and lines of file values', () => {
    expect(
      judgeConfigMapData({
        DB_PASSWORD: 'hunter2hunter2',
        'slack.url': 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX',
        'application.properties': 'server.port=8080\n# spring.datasource.password=commented\nspring.datasource.password=s3cr3t-value\n',
        'config.yaml': 'log: info\nauth:\n  token: "abcd1234efgh"\n',
        'tls.pem': 'cert\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n',
        '.env': `export GITHUB=${GHP}\n`,
      }),
    ).toEqual([
      { key: '.env', kind: 'line-shape', match: 'github-token', line: 1 },
      { key: 'DB_PASSWORD', kind: 'name', match: 'password' },
      { key: 'application.properties', kind: 'line-name', match: 'password', line: 3 },
      { key: 'config.yaml', kind: 'line-name', match: 'token', line: 3 },
      { key: 'slack.url', kind: 'shape', match: 'slack-webhook' },
      { key: 'tls.pem', kind: 'shape', match: 'private-key' },
    ]);
  });

  it('leaves ordinary config alone: references, paths, placeholders, booleans, numbers, public material', () => {
    expect(
      judgeConfigMapData({
        DB_PASSWORD_FILE: '/run/secrets/db',
        DB_PASSWORD: '${DB_PASSWORD}',
        SMTP_PASS: '',
        API_TOKEN: '<changeme>',
        AUTH_TOKEN_ENABLED: 'true',
        TOKEN: '3600',
        PARTITION_KEY: 'tenant_id',
        'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        'nginx.conf': 'server {\n  listen 80;\n  proxy_set_header Authorization $http_authorization;\n}\n',
        'app.yaml':
          'password: ${DB_PASSWORD}\ntoken_file: /var/run/token\nsecret_name: db-creds\nkey: value with spaces\npassword_min_length: 12\n',
        'values.yaml': 'password: "{{ .Values.db.password }}"\napiKey: ""\n',
        LOG_LEVEL: 'debug',
      }),
    ).toEqual([]);
  });

  // A one-line value holding `name=value` / `name: value` is judged by the inner name and value (like a line of a file value).
  it.each([
    ['app.properties', 'db.password=s3cr3t-value', { kind: 'line-name', match: 'password', line: 1 }],
    ['app.properties', 'spring.datasource.password: "s3cr3t-value"', { kind: 'line-name', match: 'password', line: 1 }],
    ['settings', 'export API_TOKEN=abcd1234efgh', { kind: 'line-name', match: 'token', line: 1 }],
    ['client.conf', 'auth_token = abcd1234efgh', { kind: 'line-name', match: 'token', line: 1 }],
    ['.env', `GITHUB=${GHP}`, { kind: 'line-shape', match: 'github-token', line: 1 }],
    // The outer key naming a credential still decides first.
    ['DB_PASSWORD', 'user=admin', { kind: 'name', match: 'password' }],
    ['app.properties', 'log.level=debug', undefined],
    ['app.properties', 'server.port=8080', undefined],
    ['app.properties', 'db.password=${DB_PASSWORD}', undefined],
    ['app.properties', 'db.password_file=/run/secrets/db', undefined],
    ['app.properties', 'cache.key=sessions', undefined],
    ['config', 'password: see the vault entry', undefined],
    ['app.properties', '# db.password=commented', undefined],
    ['feature.flags', 'token.enabled=true', undefined],
    ['greeting', 'hello world', undefined],
    ['DB_PASSWORD_FILE', 'password=/run/secrets/db', undefined],
  ])('one-line value %s: %s', (key, value, verdict) => {
    expect(judgeConfigEntry(key, value)).toEqual(verdict && { key, ...verdict });
  });

  it('keeps only well-formed verdicts about kept keys when a snapshot is loaded', () => {
    expect(
      prunedVerdicts(
        [
          { key: 'a', kind: 'name', match: 'password' },
          { key: 'a', kind: 'name', match: 'SENTINEL value smuggled' },
          { key: 'b', kind: 'shape', match: 'jwt' },
          { key: 'a', kind: 'other', match: 'jwt' },
          { key: 'a', kind: 'line-name', match: 'token', line: 3, value: 'smuggled' },
        ],
        ['a'],
      ),
    ).toEqual([
      { key: 'a', kind: 'name', match: 'password' },
      { key: 'a', kind: 'line-name', match: 'token', line: 3 },
    ]);
    expect(judgeConfigEntry('k', '')).toBeUndefined();
  });
});
