/**
 * Manifests read as streams of documents: the pieces the text arrives in never change what is read,
 * every document is bounded (size, nesting, aliases) with one line naming it, and JSON Lists are read
 * item by item.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../../src/io/package-root.js';
import { JsonDocuments } from '../../src/offline/json-documents.js';
import { ManifestInventory } from '../../src/offline/manifest-inventory.js';
import { ManifestReader } from '../../src/offline/manifest-reader.js';
import { YamlDocuments } from '../../src/offline/yaml-documents.js';

const demoDir = join(packageRoot(), 'src', 'demo', 'cluster');

/** Every document value of `text` pushed in pieces of `size` characters. */
function yamlValues(text: string, size: number, maxChars?: number): unknown[] {
  const values: unknown[] = [];
  const reader = new YamlDocuments('m.yaml', (value) => values.push(value), maxChars);
  for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
  reader.end();
  return values;
}

function read(name: string, pieces: string[], limits: { maxChars?: number; pieceChars?: number } = {}) {
  const sink = new ManifestInventory([name]);
  const reader = new ManifestReader(name, sink, limits);
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return sink.finish();
}

const namespace = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;
const jsonNamespace = (name: string): string => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('YAML documents in pieces', () => {
  it('reads the same values whatever the pieces, even cut inside indentation', () => {
    const text = readdirSync(demoDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => readFileSync(join(demoDir, f), 'utf8'))
      .join('\n---\n');
    const whole = parseAllDocuments(text).map((d) => d.toJS());
    expect(whole.length).toBeGreaterThan(20);
    for (const size of [1, 7, 64, 4097, text.length]) expect(yamlValues(text, size)).toEqual(whole);
  });

  it('names the file and line of a syntax error after earlier documents were released', () => {
    const text = `${namespace('a')}---\n${namespace('b')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n`;
    const line = parseAllDocuments(text, { prettyErrors: true })[2]!.errors[0]!.linePos![0].line;
    expect(line).toBeGreaterThan(9);
    expect(() => yamlValues(text, 5)).toThrow(new RegExp(`^manifests m\\.yaml:${line}: not valid YAML or JSON \\(.+\\)$`));
  });

  it('refuses one document larger than the limit, and only that', () => {
    const doc = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${n}}\ndata: {a: "${'x'.repeat(600)}"}\n`;
    expect(yamlValues([doc(1), doc(2), doc(3)].join('---\n'), 100, 1024)).toHaveLength(3);
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: "${'x'.repeat(2000)}"}\n`;
    expect(() => yamlValues([doc(1), big, doc(3)].join('---\n'), 100, 1024)).toThrow(
      new Error('manifests m.yaml document 2: larger than 1 KiB, the limit for one document (a large List: use kubectl get -o json)'),
    );
    // A line that never ends is refused as soon as it passes the limit, before the parser sees it.
    expect(() => yamlValues('a: ' + 'x'.repeat(5000), 100, 1024)).toThrow(
      new Error('manifests m.yaml document 1: larger than 1 KiB, the limit for one document (a large List: use kubectl get -o json)'),
    );
  });

  it('refuses alias bombs, undefined aliases, cycles and oversized expansions with the yaml limits', () => {
    const levels = 'abcdefghi'.split('');
    const bomb =
      levels
        .map(
          (l, i) =>
            `${l}: &${l} [${Array(9)
              .fill(i ? `*${levels[i - 1]}` : '"lol"')
              .join(',')}]`,
        )
        .join('\n') + '\n';
    expect(() => yamlValues(bomb, 1 << 20)).toThrow(
      new Error('manifests m.yaml document 1: not valid YAML (Excessive alias count indicates a resource exhaustion attack)'),
    );
    expect(() => yamlValues(`${namespace('a')}---\nmetadata: {name: *nope}\n`, 1 << 20)).toThrow(
      new Error('manifests m.yaml document 2: not valid YAML (Unresolved alias (the anchor must be set before the alias): nope)'),
    );
    expect(() => yamlValues('metadata: &m {labels: {a: *m}}\n', 1 << 20)).toThrow(
      new Error('manifests m.yaml document 1: an alias refers to a node that contains it (a cycle)'),
    );
    // Under the alias count, but 50 copies of a 100-character string pass a 1 KiB limit once expanded.
    expect(() => yamlValues(`a: &s "${'x'.repeat(100)}"\nb: [${Array(50).fill('*s').join(', ')}]\n`, 1 << 20, 1024)).toThrow(
      new Error('manifests m.yaml document 1: its aliases expand it past 1 KiB, the limit for one document'),
    );
    expect(yamlValues('a: &x [1, 2]\nb: [*x, *x]\n', 1 << 20)).toEqual([
      {
        a: [1, 2],
        b: [
          [1, 2],
          [1, 2],
        ],
      },
    ]);
  });

  it('refuses nesting deeper than 512 levels before composing it', () => {
    expect(yamlValues('['.repeat(512) + ']'.repeat(512) + '\n', 1 << 20)).toHaveLength(1);
    expect(() => yamlValues(`${namespace('a')}---\n${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 1 << 20)).toThrow(
      new Error('manifests m.yaml document 2: nested deeper than 512 levels'),
    );
  });
});

describe('JSON documents in pieces', () => {
  const kubectlList = (items: string[]) =>
    `{\n  "apiVersion": "v1",\n  "items": [\n${items.join(',\n')}\n  ],\n  "kind": "List",\n  "metadata": {"resourceVersion": ""}\n}\n`;

  it('hands on each item of a List as soon as it is complete, then the List without its items', () => {
    const events: string[] = [];
    const reader = new JsonDocuments('l.json', {
      item: (value, doc, item) => events.push(`item ${doc}.${item} ${(value as { metadata: { name: string } }).metadata.name}`),
      document: (value, doc, streamed) => events.push(`document ${doc} ${JSON.stringify(value)} ${streamed}`),
    });
    const text = kubectlList([jsonNamespace('a')]);
    const afterItem = text.indexOf(jsonNamespace('a')) + jsonNamespace('a').length;
    reader.push(text.slice(0, afterItem));
    expect(events).toEqual(['item 1.1 a']);
    reader.push(text.slice(afterItem) + ' ' + jsonNamespace('z'));
    reader.end();
    expect(events).toEqual([
      'item 1.1 a',
      'document 1 {"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}} true',
      `document 2 ${jsonNamespace('z')} false`,
    ]);
  });

  it('bounds each item, not the List', () => {
    const cm = (n: number) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${n}`, namespace: 'd' }, data: { a: 'x'.repeat(600) } });
    const text = kubectlList([1, 2, 3, 4].map(cm));
    expect(text.length).toBeGreaterThan(2048);
    const { inventory } = read('l.json', [text], { maxChars: 1024, pieceChars: 64 });
    expect(inventory.configMaps.map((c) => [c.metadata.name, c.dataKeys])).toEqual([1, 2, 3, 4].map((n) => [`c${n}`, ['a']]));
    const huge = kubectlList([
      cm(1),
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3000) } }),
    ]);
    expect(() => read('l.json', [huge], { maxChars: 1024, pieceChars: 64 })).toThrow(
      new Error('manifests l.json document 1 item 2: larger than 1 KiB, the limit for one document'),
    );
  });

  it('names the item of a List that is not valid JSON, and what is wrong in one', () => {
    const broken = kubectlList([jsonNamespace('a'), '{"apiVersion": "v1" "kind": "Namespace"}']);
    // In pieces small enough that the first item is read before the error (else the file is read again as YAML).
    expect(() => read('l.json', [broken], { pieceChars: 16 })).toThrow(
      new Error("manifests l.json document 1 item 2: not valid JSON (expected ',')"),
    );
    const badPod = kubectlList([
      jsonNamespace('a'),
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: 'x' }),
      '7',
    ]);
    expect(() => read('l.json', [badPod], { pieceChars: 64 })).toThrow(
      new Error('manifests l.json document 1 item 2: Pod p: spec must be a mapping'),
    );
    const { inventory, warnings } = read('l.json', [kubectlList([jsonNamespace('a'), '7', 'null']), '\nnull'], { pieceChars: 64 });
    expect([inventory.namespaces.map((n) => n.metadata.name), warnings]).toEqual([
      ['a'],
      [
        'l.json document 1 item 2: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)',
        'l.json document 1 item 3: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)',
      ],
    ]);
    expect(() => read('d.json', ['['.repeat(600) + ']'.repeat(600)])).toThrow(
      new Error('manifests d.json document 1: nested deeper than 512 levels'),
    );
  });

  it('takes back streamed items when the object turns out not to be a List', () => {
    const text = `{"apiVersion": "v1", "items": [${jsonNamespace('a')}], "kind": "Thing", "metadata": {"name": "t"}}\n${jsonNamespace('z')}`;
    const { inventory } = read('t.json', [text], { pieceChars: 16 });
    expect(inventory.namespaces.map((n) => n.metadata.name)).toEqual(['z']);
    const plain = read('p.json', [`{"items": [${jsonNamespace('a')}]}`], { pieceChars: 16 });
    expect([plain.inventory.namespaces, plain.warnings]).toEqual([
      [],
      ['p.json document 1: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)'],
    ]);
  });

  it('reads a flow-style YAML file that starts like JSON as YAML, and a byte-order mark as nothing', () => {
    const { inventory } = read('f.yaml', [`{apiVersion: v1, kind: Namespace, metadata: {name: flow}}\n---\n${namespace('block')}`]);
    expect(inventory.namespaces.map((n) => n.metadata.name)).toEqual(['flow', 'block']);
    expect(read('b.json', ['\ufeff', '  \n', jsonNamespace('bom')]).inventory.namespaces.map((n) => n.metadata.name)).toEqual(['bom']);
    expect(read('e.yaml', ['', '  \n']).inventory.namespaces).toEqual([]);
  });
});
