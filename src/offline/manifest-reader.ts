/**
 * One input (a file or stdin) read in pieces into a ManifestInventory. The format is chosen from
 * the first character: `{` or `[` is JSON (one or more values; the items of a top-level List are read
 * one by one), anything else is YAML (whose documents may be JSON too). A flow-style YAML file also
 * starts with `{`: when the JSON reader fails before anything was read from it, the text kept so far
 * is read again as YAML.
 */
import { JsonDocuments, NotJsonError } from './json-documents.js';
import { MAX_DOCUMENT_CHARS, PIECE_CHARS } from './manifest-limits.js';
import { isList, type ManifestInventory, type Mark } from './manifest-inventory.js';
import { YamlDocuments } from './yaml-documents.js';
import type { ObjectSource } from '../core/inventory.js';
import { STDIN_NAME } from './manifest-sources.js';

export class ManifestReader {
  private pending: string[] = [];
  private pendingChars = 0;
  private format?: YamlDocuments | JsonDocuments;
  /** JSON text kept until the first value is read from it, to read it again as YAML. */
  private heldForYaml?: string[];
  private heldChars = 0;
  /** Objects kept from a document's streamed items, taken back if the document is not a List. */
  private itemsMark?: Mark;

  private readonly maxChars: number;
  private readonly pieceChars: number;

  /** `limits` are for tests; the defaults are the documented ones. */
  constructor(
    private readonly name: string,
    private readonly sink: ManifestInventory,
    limits: { maxChars?: number; pieceChars?: number } = {},
  ) {
    this.maxChars = limits.maxChars ?? MAX_DOCUMENT_CHARS;
    this.pieceChars = limits.pieceChars ?? PIECE_CHARS;
  }

  push(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.pieceChars) this.flush(false);
  }

  end(): void {
    this.flush(true);
    const reader = this.format;
    if (!reader) return; // empty or blank input
    this.fallBackOnNotJson(() => reader.end());
    if (this.format !== reader) this.format!.end(); // the JSON reader gave way to YAML at the very end
  }

  private flush(ending: boolean): void {
    let text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.format) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the JSON tokenizer refuses a byte-order mark
      const first = /\S/.exec(text);
      if (!first && !ending && text.length < this.pieceChars) {
        this.pending = [text]; // only blanks so far: wait for the first character
        this.pendingChars = text.length;
        return;
      }
      this.format = first && (first[0] === '{' || first[0] === '[') ? this.json() : this.yaml();
    }
    for (let at = 0; at < text.length;) {
      let cut = Math.min(text.length, at + this.pieceChars);
      if (cut < text.length && isHighSurrogate(text.charCodeAt(cut - 1))) cut--; // keep a surrogate pair together
      const piece = text.slice(at, cut);
      at = cut;
      if (this.heldForYaml) this.hold(piece);
      this.fallBackOnNotJson(() => this.format!.push(piece));
    }
  }

  private yaml(): YamlDocuments {
    return new YamlDocuments(
      this.name,
      (value, doc, line) => this.sink.addDocument(value, `${this.name} document ${doc}`, this.source(line)),
      this.maxChars,
    );
  }

  private json(): JsonDocuments {
    this.heldForYaml = [];
    return new JsonDocuments(
      this.name,
      {
        item: (value, doc, item) => {
          this.heldForYaml = undefined;
          this.itemsMark ??= this.sink.mark();
          this.sink.add(value, `${this.name} document ${doc} item ${item}`, this.source());
        },
        document: (value, doc, itemsStreamed) => {
          this.heldForYaml = undefined;
          const mark = this.itemsMark;
          this.itemsMark = undefined;
          if (itemsStreamed && isList(value)) return; // its items are in already
          // Not a List after all (its kind came after its items): read it as one object.
          if (mark) this.sink.rollback(mark);
          this.sink.addDocument(value, `${this.name} document ${doc}`, this.source());
        },
      },
      this.maxChars,
    );
  }

  /** Where an object was read: this file (stdin has no file to point at), at the line its YAML document starts. */
  private source(line?: number): ObjectSource | undefined {
    if (this.name === STDIN_NAME) return undefined;
    return line === undefined ? { file: this.name } : { file: this.name, line };
  }

  private hold(piece: string): void {
    this.heldForYaml!.push(piece);
    this.heldChars += piece.length;
    if (this.heldChars > this.maxChars) this.heldForYaml = undefined; // too large for YAML anyway
  }

  /** Runs a JSON step; input that is not JSON from its start is read again as YAML. */
  private fallBackOnNotJson(step: () => void): void {
    try {
      step();
    } catch (e) {
      const held = this.heldForYaml;
      if (!(e instanceof NotJsonError) || !held) throw e;
      this.heldForYaml = undefined;
      const yaml = this.yaml();
      this.format = yaml;
      for (const piece of held) yaml.push(piece);
    }
  }
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
