/**
 * The chunked JSON writer and reader behind snapshots and reports: the writer gives JSON.stringify's
 * text one entry at a time, the reader gives JSON.parse's value one entry at a time, whatever the
 * chunk boundaries; bad input is one message with the byte offset and path, without an excerpt.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPath, readJsonFile, type JsonPath } from '../../src/io/json-read.js';
import { jsonChunks } from '../../src/core/json-write.js';

const dir = mkdtempSync(join(tmpdir(), 'kaudit-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = {
  inventoryVersion: 1,
  source: { type: 'live', when: new Date('2026-01-02T03:04:05Z'), skipped: undefined, fn: () => 1 },
  pods: [
    {
      metadata: { name: 'a', labels: {} },
      spec: { containers: [{ name: 'c', args: ['--x="y"', 'back\\slash\\', 'quote\\"', '日本語 é', '{[', ']}'] }] },
    },
    null,
    [],
    {},
    -1.5e-7,
    'a string with "quotes" and \\ and \n newline',
    [undefined, () => 1, 3],
  ],
  empty: [],
  nothing: {},
  flag: true,
};

describe('jsonChunks', () => {
  it('writes the text of JSON.stringify, for every indent and depth', () => {
    for (const indent of [0, 2, 4]) {
      for (let depth = 0; depth <= 5; depth++) {
        expect([...jsonChunks(doc, { indent, depth })].join('')).toBe(JSON.stringify(doc, null, indent));
      }
    }
    for (const v of [null, 0, 'x', [], {}, [[]], { a: [] }])
      expect([...jsonChunks(v, { indent: 2, depth: 3 })].join('')).toBe(JSON.stringify(v, null, 2));
  });

  it('hands over the entries of the walked levels one by one: no chunk holds two objects at the given depth', () => {
    const inv = { pods: Array.from({ length: 1000 }, (_, i) => ({ metadata: { name: `pod-${i}` } })) };
    const chunks = [...jsonChunks(inv, { indent: 0, depth: 2 })];
    expect(chunks.filter((c) => c.startsWith('{"metadata"'))).toHaveLength(1000);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(JSON.stringify(inv.pods[999]).length);
  });
});

describe('readJsonFile', () => {
  const file = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const read = (f: string, chunkBytes = 4096, maxValueBytes = 1 << 20) =>
    readJsonFile(f, { descend: (p) => p.length < 2, maxValueBytes, chunkBytes });

  it('reads what JSON.parse reads, whatever the chunk boundaries and the layout', () => {
    for (const indent of [0, 2, '\t']) {
      const text = JSON.stringify(doc, null, indent);
      const f = file('doc.json', ` \n${text}\r\n`);
      for (const chunkBytes of [1, 2, 3, 5, 8, 13, 64, 4096]) expect(read(f, chunkBytes)).toEqual(JSON.parse(text));
    }
    for (const text of ['[]', '{}', '7', '"s"', 'null', '[1, [2, [3]], {"a": {"b": [4]}}]'])
      expect(read(file('small.json', text), 2)).toEqual(JSON.parse(text));
  });

  it('hands each entry of a walked container to onValue as it completes and keeps its answer', () => {
    const seen: string[] = [];
    const f = file('items.json', JSON.stringify({ v: 1, pods: [{ n: 1 }, { n: 2 }], other: { deep: [1] } }));
    const value = readJsonFile(f, {
      maxValueBytes: 1 << 20,
      chunkBytes: 7,
      descend: (p: JsonPath, type) => p.length === 0 || (p[0] === 'pods' && type === 'array'),
      onValue: (p: JsonPath, v: unknown) => {
        seen.push(formatPath(p));
        return p.length === 2 ? { ...(v as object), seen: true } : v;
      },
    });
    expect(seen).toEqual(['v', 'pods[0]', 'pods[1]', 'pods', 'other']);
    expect(value).toEqual({
      v: 1,
      pods: [
        { n: 1, seen: true },
        { n: 2, seen: true },
      ],
      other: { deep: [1] },
    });
  });

  it('names the byte and the path of what is wrong, and never quotes the input', () => {
    const cases: [string, string][] = [
      ['', 'the file is empty'],
      ['  \n', 'the file is empty'],
      ['{"pods": [{"a": 1}, {"b": ', 'truncated: the file ends at byte 26 in pods[1]'],
      ['{"pods": [{"a": 1}, {"b": "hunter2', 'truncated: the file ends at byte 34 in pods[1]'],
      ['{"pods": [{"a": 1}', 'truncated: the file ends at byte 18 in pods[0]'],
      ['{"pods": [{"a": 1} {"b": 2}]}', "not valid JSON at byte 19 in pods[0] (expected ',' or ']')"],
      ['{"pods" []}', 'not valid JSON at byte 8 (expected \':\' after "pods")'],
      ['{pods: []}', 'not valid JSON at byte 1 (expected a property name)'],
      ['{"a": 1} {"b": 2}', 'not valid JSON at byte 9 (unexpected data after the document)'],
      ['{"a": 1 "b": 2}', "not valid JSON at byte 8 (expected ',' or '}' after \"a\")"],
    ];
    for (const [text, message] of cases) expect(() => read(file('bad.json', text), 5)).toThrow(message);
    // A broken entry is reported by JSON.parse's reason, without the excerpt of the input it quotes.
    let message = '';
    try {
      read(file('bad.json', '{"pods": [{"a": 1}, {"password": "hunter2" "x": 1}]}'), 5);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^not valid JSON at byte 20 in pods\[1\] \(.+\)$/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a single value larger than maxValueBytes without reading on', () => {
    const f = file('huge.json', `{"pods": [{"a": "${'x'.repeat(5000)}"}]}`);
    expect(() => read(f, 64, 1000)).toThrow(
      'a single value over 1000 bytes at byte 10 in pods[0]: too large to be what this file should hold',
    );
    expect(read(f, 64, 10_000)).toEqual({ pods: [{ a: 'x'.repeat(5000) }] });
  });
});
