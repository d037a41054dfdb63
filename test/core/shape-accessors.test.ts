import { describe, expect, it } from '@jest/globals';
import { fieldAt, listAt, textAt } from '../../src/core/shape.js';

const cronJob: unknown = {
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a' }], nodeName: 7 } } } } },
};

describe('fieldAt, listAt, textAt', () => {
  it('walk mappings to the value at the path', () => {
    expect(fieldAt(cronJob, 'spec', 'schedule')).toBe('*/5 * * * *');
    expect(listAt(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers')).toEqual([{ name: 'a' }]);
    expect(textAt(cronJob, 'spec', 'schedule')).toBe('*/5 * * * *');
    expect(fieldAt(cronJob)).toBe(cronJob);
  });

  it('give undefined (listAt: []) where a step is missing, null, a list or a scalar', () => {
    expect(fieldAt(cronJob, 'spec', 'template', 'spec')).toBeUndefined();
    expect(fieldAt({ spec: null }, 'spec', 'x')).toBeUndefined();
    expect(fieldAt({ spec: ['x'] }, 'spec', '0')).toBeUndefined();
    expect(fieldAt({ spec: 'text' }, 'spec', 'length')).toBeUndefined();
    expect(fieldAt(undefined, 'spec')).toBeUndefined();
    expect(listAt(cronJob, 'spec', 'schedule')).toEqual([]);
    expect(listAt({ spec: { rules: { a: 1 } } }, 'spec', 'rules')).toEqual([]);
  });

  it('textAt gives strings only', () => {
    expect(textAt(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'nodeName')).toBeUndefined();
    expect(textAt({ kind: '' }, 'kind')).toBe('');
  });
});
