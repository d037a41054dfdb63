import { describe, expect, it } from '@jest/globals';
import { formatMessage } from '../../src/core/check.js';

describe('formatMessage', () => {
  it('fills every placeholder, with or without spaces inside the braces, and repeated ones each time', () => {
    expect(formatMessage('{{a}} and {{ b }} and {{a}}', { a: 'x', b: 2 })).toBe('x and 2 and x');
    expect(formatMessage('{{a}}{{b}}', { a: true, b: false })).toBe('truefalse');
  });

  it('keeps an unknown placeholder visible, exactly as written', () => {
    expect(formatMessage('pod {{ name }} in {{namespace}}', { namespace: 'shop' })).toBe('pod {{ name }} in shop');
    expect(formatMessage('pod {{name}}')).toBe('pod {{name}}');
  });

  it('leaves text without placeholders, and replacement patterns in values, as they are', () => {
    expect(formatMessage('no placeholders {here}', { here: 'x' })).toBe('no placeholders {here}');
    expect(formatMessage('value {{v}}', { v: "$& $1 $$ $'" })).toBe("value $& $1 $$ $'");
    expect(formatMessage('', { v: 'x' })).toBe('');
  });
});
