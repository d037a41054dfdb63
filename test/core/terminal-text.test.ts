import { describe, expect, it } from '@jest/globals';
import { terminalText } from '../../src/core/terminal-text.js';
import { stderrLog } from '../../src/cli/options.js';
import { errorLine, stackText } from '../../src/cli/io.js';

describe('terminalText', () => {
  it.each([
    ['\u001b[2J\u001b[31mred\u001b[0m', '[2J[31mred[0m'],
    ['a\rb\bc\u0007d\u007f', 'a bcd'],
    ['csi\u009b31m osc\u009d0;title\u009c', 'csi31m osc0;title'],
    ['line1\nline2\tcol', 'line1 line2 col'],
    ['evil\u202egnp.exe\u2066x\u2069', 'evilgnp.exex'],
    ['ünïcødé — “quotes” 日本', 'ünïcødé — “quotes” 日本'],
  ])('%j → %j', (text, shown) => {
    expect(terminalText(text)).toBe(shown);
  });

  it('is applied to every stderr log line and error line', () => {
    let err = '';
    stderrLog((s) => (err += s))('warning: could not read Pod in \u001b]0;pwned\u0007ns: 500');
    expect(err).toBe('kaudit: warning: could not read Pod in ]0;pwnedns: 500\n');
    expect(errorLine('manifests x: Pod \u001b[1Aname\r: bad')).toBe('kaudit: manifests x: Pod [1Aname : bad\n');
  });

  it('keeps URL passwords out of log lines, error lines and --debug stacks', () => {
    let err = '';
    stderrLog((s) => (err += s))('connecting to https://admin:s1@10.0.0.1:6443 (context prod)');
    expect(err).toBe('kaudit: connecting to https://admin:***@10.0.0.1:6443 (context prod)\n');
    expect(errorLine('cannot reach the API server: https://admin:s1@10.0.0.1:6443/version')).toBe(
      'kaudit: cannot reach the API server: https://admin:***@10.0.0.1:6443/version\n',
    );
    expect(stackText('ClusterError: https://admin:s1@h/version\n    at readVersion (file:///x.js:1:2)')).toBe(
      'ClusterError: https://admin:***@h/version\n    at readVersion (file:///x.js:1:2)\n',
    );
  });
});
