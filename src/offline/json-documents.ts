/**
 * JSON text in pieces -> values, one at a time: every top-level value (a stream of values, as jq
 * prints them, is allowed) and, for a top-level object with an `items` array (`kubectl get -o json`
 * prints `{"apiVersion", "items": [...], "kind": "List"}`), each item on its own as soon as it is
 * complete, so a 200 MB list never exists as one string or one object.
 *
 * stream-json's tokenizer and Assembler do the parsing (a maintained streaming parser with its own
 * depth and string-length limits); this file only decides where a value starts and ends.
 */
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { UsageError } from '../core/errors.js';
import { MAX_DOCUMENT_CHARS, MAX_NESTING, tooDeep, tooLarge } from './manifest-limits.js';

export interface JsonHandlers {
  /** One item of a top-level object's `items` array (numbered from 1). */
  item(value: unknown, document: number, item: number): void;
  /** A complete top-level value; when its items were handed on one by one, `items` is empty here. */
  document(value: unknown, document: number, itemsStreamed: boolean): void;
}

/** The input is not JSON (as opposed to too large or too deep): the caller may read it as YAML. */
export class NotJsonError extends UsageError {}

export class JsonDocuments {
  /** A stream-chain flushable: text in, tokens out; called with `none` at the end of the input. */
  private readonly tokenize: (input: string | typeof none) => unknown;
  private top?: Assembler;
  private item?: Assembler;
  private topKey: string | null = null;
  private inItems = false;
  private itemsStreamed = false;
  private documents = 0;
  private items = 0;
  /** Characters since a value or item last completed (counted per piece: exact to within one piece). */
  private sinceLastValue = 0;

  constructor(
    private readonly name: string,
    private readonly handlers: JsonHandlers,
    private readonly maxChars = MAX_DOCUMENT_CHARS,
  ) {
    this.tokenize = jsonParser({ jsonStreaming: true, streamValues: false, maxDepth: MAX_NESTING, maxPackedLength: maxChars }) as (
      input: string | typeof none,
    ) => unknown;
  }

  push(text: string): void {
    this.sinceLastValue += text.length;
    this.feed(text);
    if (this.sinceLastValue > this.maxChars) throw new UsageError(`manifests ${this.where()}: ${tooLarge(this.maxChars)}`);
  }

  end(): void {
    this.feed(none);
  }

  private feed(input: string | typeof none): void {
    let out;
    try {
      out = this.tokenize(input);
    } catch (e) {
      const message = (e as Error).message;
      if (e instanceof RangeError)
        throw new UsageError(`manifests ${this.where()}: ${message.includes('maxDepth') ? tooDeep() : tooLarge(this.maxChars)}`);
      throw new NotJsonError(`manifests ${this.where()}: not valid JSON (${message.replace(/^Parser cannot parse input: /, '')})`);
    }
    if (out === none) return;
    for (const token of isMany(out) ? (getManyValues(out) as Token[]) : [out as Token]) this.token(token);
  }

  private token(t: Token): void {
    if (this.item) {
      this.item.consume(t);
      if (this.item.done) this.itemDone(this.item.current);
      return;
    }
    if (this.inItems && t.name !== 'endArray') {
      this.items++;
      this.item = new Assembler().consume(t);
      if (this.item.done) this.itemDone(this.item.current); // a scalar item
      return;
    }
    if (!this.top) {
      this.top = new Assembler();
      this.documents++;
      this.items = 0;
      this.itemsStreamed = false;
      this.topKey = null;
    }
    const top = this.top;
    if (top.depth === 1 && t.name === 'keyValue') this.topKey = t.value;
    top.consume(t);
    if (this.inItems)
      this.inItems = false; // the endArray of `items`
    // Only objects have keys at depth 1, so this is the `items` array of a top-level object.
    else if (t.name === 'startArray' && top.depth === 2 && this.topKey === 'items') this.inItems = this.itemsStreamed = true;
    if (top.done) {
      this.top = undefined;
      this.sinceLastValue = 0;
      this.handlers.document(top.current, this.documents, this.itemsStreamed);
    }
  }

  private itemDone(value: unknown): void {
    this.item = undefined;
    this.sinceLastValue = 0;
    this.handlers.item(value, this.documents, this.items);
  }

  /** The value being read, for error lines. */
  private where(): string {
    const document = this.top ? this.documents : this.documents + 1;
    if (this.item) return `${this.name} document ${document} item ${this.items}`;
    if (this.inItems) return `${this.name} document ${document} item ${this.items + 1}`;
    return `${this.name} document ${document}`;
  }
}
