import { describe, it } from '@jest/globals';
import configmap from '../../checks/configmap-credential-data.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cm } from '../support/secret-cases.js';

describe('configmap-credential-data', () => {
  new CheckTester(configmap).register(
    {
      pass: [
        {
          name: 'ordinary configuration',
          yaml: cm(
            '  LOG_LEVEL: debug\n  DB_PASSWORD_FILE: /run/secrets/db\n  app.yaml: |\n    password: ${DB_PASSWORD}\n    port: 8080\n',
          ),
        },
      ],
      fail: [
        {
          name: 'a key, a shape and a line of a file',
          yaml: cm(
            '  SMTP_PASS: hunter2hunter2\n  hook: https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX\n  application.properties: |\n    server.port=8080\n    spring.datasource.password=s3cr3t\n  a/b: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\n',
          ),
          findings: [
            {
              messageId: 'credential',
              resource: 'ConfigMap/shop/app',
              path: '/data/SMTP_PASS',
              message:
                'ConfigMap app key SMTP_PASS looks like it holds a credential: the key names a credential ("pass") and the value is a literal',
              observed: 'name: pass',
            },
            {
              messageId: 'credential',
              resource: 'ConfigMap/shop/app',
              path: '/data/hook',
              message: 'ConfigMap app key hook looks like it holds a credential: the value is shaped like a Slack webhook URL',
            },
            {
              messageId: 'credential',
              resource: 'ConfigMap/shop/app',
              path: '/data/application.properties',
              message:
                'ConfigMap app key application.properties looks like it holds a credential: line 2 sets a setting named like a credential ("password") to a literal',
              observed: 'line-name: password (line 2)',
            },
            { messageId: 'credential', resource: 'ConfigMap/shop/app', path: '/data/a~1b', observed: 'shape: jwt' },
          ],
        },
      ],
    },
    it,
  );
});
