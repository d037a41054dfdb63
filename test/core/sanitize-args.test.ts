import { describe, expect, it } from '@jest/globals';
import { redactArgs, redactShell } from '../../src/core/sanitize-args.js';
import { redactUrlCredentials } from '../../src/core/sanitize-values.js';

describe('redactArgs: exec-form words', () => {
  it.each([
    // credential flag spellings: the value goes, the flag stays
    [['--db-password=s1'], ['--db-password=<redacted>']],
    [['--api_key=s1'], ['--api_key=<redacted>']],
    [['--pwd=s1'], ['--pwd=<redacted>']],
    [['--access-key=s1'], ['--access-key=<redacted>']],
    [['--secret_key=s1'], ['--secret_key=<redacted>']],
    [['--client-secret=s1'], ['--client-secret=<redacted>']],
    [['--auth-token=s1'], ['--auth-token=<redacted>']],
    [['--passphrase=s1'], ['--passphrase=<redacted>']],
    [['--bearer=s1'], ['--bearer=<redacted>']],
    [['--db-pass=s1'], ['--db-pass=<redacted>']],
    [['-Ddb.password=s1'], ['-Ddb.password=<redacted>']],
    [['--password=a,b c'], ['--password=<redacted>']],
    [
      ['--api-key', 's1'],
      ['--api-key', '<redacted>'],
    ],
    [
      ['openssl', '-passin', 'pass:s1'],
      ['openssl', '-passin', '<redacted>'],
    ],
    // assignments: env-style and helm --set lists
    [
      ['env', 'DB_PASSWORD=s1', 'app'],
      ['env', 'DB_PASSWORD=<redacted>', 'app'],
    ],
    [
      ['--set', 'replicas=2,auth.password=s1,debug=true'],
      ['--set', 'replicas=2,auth.password=<redacted>,debug=true'],
    ],
    [['--set=auth.password=s1'], ['--set=auth.password=<redacted>']],
    // URL userinfo: the password goes, the rest stays
    [['--etcd-servers=https://u:s1@etcd:2379,https://etcd2:2379'], ['--etcd-servers=https://u:<redacted>@etcd:2379,https://etcd2:2379']],
    [
      ['--db', 'postgres://app:s1@db/app'],
      ['--db', 'postgres://app:<redacted>@db/app'],
    ],
    // shell strings
    [
      ['sh', '-c', 'migrate --password=s1 && run'],
      ['sh', '-c', 'migrate --password=<redacted> && run'],
    ],
    [
      ['-c', 'run --token s1 && echo done'],
      ['-c', 'run --token <redacted> && echo done'],
    ],
    [
      ['-c', 'PGPASSWORD="s1 s2" psql -h db'],
      ['-c', 'PGPASSWORD=<redacted> psql -h db'],
    ],
    [
      ['-c', "mysql --password='s1' -e 'select 1'"],
      ['-c', "mysql --password=<redacted> -e 'select 1'"],
    ],
    [
      ['-c', "bash -c 'x --api-key=s1'"],
      ['-c', "bash -c 'x --api-key=<redacted>'"],
    ],
    [
      ['-c', 'curl -H "Authorization: Bearer s1" http://x'],
      ['-c', 'curl -H "Authorization: Bearer <redacted>" http://x'],
    ],
    [
      ['-H', 'Authorization: Basic s1'],
      ['-H', 'Authorization: Basic <redacted>'],
    ],
    [
      ['-c', 'curl https://u:s1@host/x'],
      ['-c', 'curl https://u:<redacted>@host/x'],
    ],
    [
      ['-c', 'migrate --password="s1'],
      ['-c', 'migrate --password=<redacted>'],
    ],
    [
      ['mysql', '-c', '--password', 's1'],
      ['mysql', '-c', '--password', '<redacted>'],
    ],
    // passwords under options whose meaning depends on the command (decided by its name)
    [
      ['mysql', '-uroot', '-ps1', '-h', 'db'],
      ['mysql', '-uroot', '-p<redacted>', '-h', 'db'],
    ],
    [
      ['/usr/bin/mysqldump', '-ps1', 'shop'],
      ['/usr/bin/mysqldump', '-p<redacted>', 'shop'],
    ],
    [
      ['mariadb', '--password', 's1'],
      ['mariadb', '--password', '<redacted>'],
    ],
    [
      ['mysql', '--password', 's1', 'shop'],
      ['mysql', '--password', '<redacted>', 'shop'],
    ],
    [
      ['curl', '-u', 'user:s1', 'https://x'],
      ['curl', '-u', 'user:<redacted>', 'https://x'],
    ],
    [
      ['curl', '--user', 'user:s1', 'https://x'],
      ['curl', '--user', 'user:<redacted>', 'https://x'],
    ],
    [
      ['curl', '--user=user:s1'],
      ['curl', '--user=user:<redacted>'],
    ],
    [
      ['curl', '-uuser:s1'],
      ['curl', '-uuser:<redacted>'],
    ],
    [
      ['curl', '-U', 'proxy:s1', '-x', 'http://p:3128', 'https://x'],
      ['curl', '-U', 'proxy:<redacted>', '-x', 'http://p:3128', 'https://x'],
    ],
    [
      ['timeout', '5', 'curl', '-fsS', '-u', 'user:s1', 'http://localhost:8080/health'],
      ['timeout', '5', 'curl', '-fsS', '-u', 'user:<redacted>', 'http://localhost:8080/health'],
    ],
    [
      ['sshpass', '-p', 's1', 'ssh', 'host'],
      ['sshpass', '-p', '<redacted>', 'ssh', 'host'],
    ],
    [
      ['redis-cli', '-a', 's1', 'ping'],
      ['redis-cli', '-a', '<redacted>', 'ping'],
    ],
    // in a password position numbers are passwords too
    [
      ['mysql', '-uroot', '-p123456'],
      ['mysql', '-uroot', '-p<redacted>'],
    ],
    [
      ['redis-cli', '-a', '20240101', 'ping'],
      ['redis-cli', '-a', '<redacted>', 'ping'],
    ],
    // curl's short options run together
    [
      ['curl', '-su', 'admin:s1', 'https://x'],
      ['curl', '-su', 'admin:<redacted>', 'https://x'],
    ],
    [
      ['curl', '-fsSuadmin:s1', 'https://x'],
      ['curl', '-fsSuadmin:<redacted>', 'https://x'],
    ],
    // more tools whose short option is the password
    [
      ['mongosh', '-u', 'root', '-p', 's1', '--eval', 'db.adminCommand("ping")'],
      ['mongosh', '-u', 'root', '-p', '<redacted>', '--eval', 'db.adminCommand("ping")'],
    ],
    [
      ['cqlsh', '-u', 'cassandra', '-p', 's1', '-e', 'describe keyspaces'],
      ['cqlsh', '-u', 'cassandra', '-p', '<redacted>', '-e', 'describe keyspaces'],
    ],
    [
      ['/opt/mssql-tools/bin/sqlcmd', '-S', 'localhost', '-U', 'sa', '-P', 's1', '-Q', 'SELECT 1'],
      ['/opt/mssql-tools/bin/sqlcmd', '-S', 'localhost', '-U', 'sa', '-P', '<redacted>', '-Q', 'SELECT 1'],
    ],
    [
      ['ldapwhoami', '-x', '-D', 'cn=admin', '-w', 's1'],
      ['ldapwhoami', '-x', '-D', 'cn=admin', '-w', '<redacted>'],
    ],
    [
      ['sh', '-c', 'mysqladmin ping -uroot -p123456 && curl -fsu admin:s2 http://localhost/ && ldapsearch -x -w s3 -b dc=x'],
      [
        'sh',
        '-c',
        'mysqladmin ping -uroot -p<redacted> && curl -fsu admin:<redacted> http://localhost/ && ldapsearch -x -w <redacted> -b dc=x',
      ],
    ],
    [
      ['env', 'PGPASSWORD=s1', 'psql', '-h', 'db'],
      ['env', 'PGPASSWORD=<redacted>', 'psql', '-h', 'db'],
    ],
    // the same in shell strings
    [
      ['sh', '-c', 'mysql -uroot -ps1 -e "select 1"'],
      ['sh', '-c', 'mysql -uroot -p<redacted> -e "select 1"'],
    ],
    [
      ['sh', '-c', "mysqladmin ping -p's1' && echo ok"],
      ['sh', '-c', 'mysqladmin ping -p<redacted> && echo ok'],
    ],
    [
      ['sh', '-c', 'mysql --password s1 shop'],
      ['sh', '-c', 'mysql --password <redacted> shop'],
    ],
    [
      ['sh', '-c', 'curl -fsS -u user:s1 http://localhost/health || exit 1'],
      ['sh', '-c', 'curl -fsS -u user:<redacted> http://localhost/health || exit 1'],
    ],
    [
      ['sh', '-c', 'curl --user "user:s1" https://x'],
      ['sh', '-c', 'curl --user user:<redacted> https://x'],
    ],
    [
      ['sh', '-c', 'curl --user=user:s1 https://x; /usr/bin/curl -uadmin:s2 https://y'],
      ['sh', '-c', 'curl --user=user:<redacted> https://x; /usr/bin/curl -uadmin:<redacted> https://y'],
    ],
    [
      ['sh', '-c', 'PGPASSWORD=s1 pg_dump -h db shop'],
      ['sh', '-c', 'PGPASSWORD=<redacted> pg_dump -h db shop'],
    ],
    [
      ['sh', '-c', 'sshpass -p s1 ssh host'],
      ['sh', '-c', 'sshpass -p <redacted> ssh host'],
    ],
    [
      ['sh', '-c', 'redis-cli -a s1 ping'],
      ['sh', '-c', 'redis-cli -a <redacted> ping'],
    ],
  ])('%j → %j', (words, redacted) => {
    expect(redactArgs(words)).toEqual(redacted);
  });

  it.each([
    // paths, references, booleans, numbers, durations and non-credential flags stay
    [['--token-auth-file=/etc/tokens.csv', '--tls-private-key-file=pki/key.pem', '--secret-name=db-creds']],
    [['--password=$(DB_PASSWORD)', '--api-key', '$(API_KEY)']],
    [
      [
        '--enable-bootstrap-token-auth=true',
        '--use-service-account-credentials=True',
        '--token-ttl=24',
        '--service-account-max-token-expiration=48h0m0s',
      ],
    ],
    [['--port=8080', '--secure-port=6443', '--authorization-mode=Node,RBAC', '--bind-address=0.0.0.0']],
    [['--password', '--verbose']],
    [['sh', '-c', 'migrate --password="$DB_PASSWORD" --token ${TOKEN} --api-key=$(cat /run/key)']],
    [['sh', '-c', 'cd $(pwd) && exec app --bypass=1 --passthrough=x']],
    [['--db', 'postgres://app:$(DB_PASSWORD)@db/app', 'https://user@host/x']],
    [['nginx', '-g', 'daemon off;']],
    // the same letters for other commands are not passwords: -p is a port, -u a user, -a an address
    [['server', '-p', '8080', '-u', '1000', '-a', '0.0.0.0']],
    [['python3', '-m', 'http.server', '-p8080']],
    [['sh', '-c', 'exec server -p 8080 -u app -a all --user admin:x1']],
    // references in password positions, curl options without u, and other tools' -w / -P stay
    [['mysql', '-h', 'db', '-p$(DB_PASSWORD)']],
    [['ldapsearch', '-w', '$(LDAP_PASSWORD)', '-b', 'dc=x']],
    [['curl', '-sSL', '--user-agent', 'probe', 'https://x']],
    [['gunicorn', '-w', '4', '-P', '/run/app.pid']],
    [['sh', '-c', 'ssh -p 2222 -u admin host']],
    // a tool without the password in its words: a prompt, a reference, a user without a password
    [['mysql', '-p', 'shop']],
    [['mysql', '-P', '3306', '-p$(DB_PASSWORD)']],
    [['sh', '-c', 'mysql -p"$DB_PASSWORD" -P 3306 shop']],
    [['curl', '-u', 'user', 'https://x']],
    [['curl', '-u', 'user:$(PASS)', '--user-agent', 'probe/1', 'https://x']],
    [['sh', '-c', 'curl -u "$USER:$PASS" --user-agent probe https://x']],
    [['sh', '-c', 'curl -o /tmp/x --url https://x && echo mysql -p is a prompt']],
  ])('%j stays', (words) => {
    expect(redactArgs(words)).toEqual(words);
  });

  it('keeps the very array when the line cannot hold a credential (the hot path)', () => {
    const words = ['app', '--port=8080', '--log-level=info'];
    expect(redactArgs(words)).toBe(words);
  });

  it('leaves non-string words as they are', () => {
    expect(redactArgs(['--password', 12345, '--token', true])).toEqual(['--password', 12345, '--token', true]);
  });
});

describe('redactShell', () => {
  it('is the identity on a line without credentials', () => {
    expect(redactShell('echo hello && sleep 10')).toBe('echo hello && sleep 10');
  });
});

describe('redactUrlCredentials', () => {
  it.each([
    ['https://u:s1@h/x', 'https://u:<redacted>@h/x'],
    ['see redis://:s1@cache:6379/0 and amqp://guest:s2@mq', 'see redis://:<redacted>@cache:6379/0 and amqp://guest:<redacted>@mq'],
    ['https://u:${PASS}@h', 'https://u:${PASS}@h'],
    ['https://u@h', 'https://u@h'],
    ['team@example.com', 'team@example.com'],
    ['nginx@sha256:abc', 'nginx@sha256:abc'],
  ])('%s → %s', (text, redacted) => {
    expect(redactUrlCredentials(text)).toBe(redacted);
  });
});
