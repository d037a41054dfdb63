/**
 * YAML text in pieces -> one plain value per document, each handed on and released before the next
 * is read: the yaml package's streaming parts (Parser.parse(piece, incomplete) -> Composer.next), so
 * a 200 MB stream never exists as one string or one syntax tree. Every document is bounded before
 * anything walks it: its text (MAX_DOCUMENT_CHARS), its nesting (MAX_NESTING, checked on the syntax
 * tree because the composer recurses) and its aliases (the package's maxAliasCount, plus the size
 * and shape of what they expand to, since aliases share values that later code would copy).
 */
import { Composer, Parser, type CST, type Document } from 'yaml';
import { UsageError } from '../core/errors.js';
import { LineStarts } from './line-starts.js';
import { MAX_ALIAS_COUNT, MAX_DOCUMENT_CHARS, MAX_NESTING, sizeLabel, tooDeep, tooLarge } from './manifest-limits.js';

/** `document` counts every document of the input from 1, empty ones included; `line` is where it starts (1-based). */
export type DocumentHandler = (value: unknown, document: number, line: number) => void;

export class YamlDocuments {
  private readonly lines = new LineStarts();
  private readonly parser = new Parser((offset) => this.lines.add(offset));
  private readonly composer = new Composer();
  /** Characters pushed so far, and the offset where the document being read starts. */
  private pushed = 0;
  private documentStart = 0;
  /** Documents the parser completed, and documents handed on. */
  private parsed = 0;
  private composed = 0;
  private partialLine: string[] = [];

  constructor(
    private readonly name: string,
    private readonly onDocument: DocumentHandler,
    private readonly maxChars = MAX_DOCUMENT_CHARS,
  ) {}

  push(text: string): void {
    this.pushed += text.length;
    // Whole lines only: yaml 2.9's lexer misreads a piece that ends inside a line's indentation.
    const lineEnd = text.lastIndexOf('\n') + 1;
    if (!lineEnd) this.partialLine.push(text);
    else {
      const lines = this.partialLine.join('') + text.slice(0, lineEnd);
      this.partialLine = [text.slice(lineEnd)];
      this.run(this.parser.parse(lines, true));
    }
    // What is buffered past the last complete document is the document being read. A YAML List is one
    // document; the same List as JSON is read item by item.
    if (this.pushed - this.documentStart > this.maxChars)
      throw this.error(this.parsed + 1, `${tooLarge(this.maxChars)} (a large List: use kubectl get -o json)`);
  }

  end(): void {
    this.run(this.parser.parse(this.partialLine.join(''), false));
    for (const doc of this.composer.end()) this.take(doc);
  }

  private run(tokens: Generator<CST.Token>): void {
    for (const token of tokens) {
      if (token.type === 'document') {
        this.parsed++;
        // The parser completes a document when it meets the next one's first token.
        this.documentStart = this.parser.offset;
        if (nestingExceeds(token, MAX_NESTING)) throw this.error(this.parsed, tooDeep());
      }
      for (const doc of this.composer.next(token)) this.take(doc);
    }
  }

  private take(doc: Document.Parsed): void {
    const index = ++this.composed;
    const problem = doc.errors[0];
    if (problem)
      throw new UsageError(`manifests ${this.name}:${this.lines.lineAt(problem.pos[0])}: not valid YAML or JSON (${problem.message})`);
    let aliased = false;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, onAnchor: (_value, count) => (aliased ||= count > 1) });
    } catch (e) {
      // ReferenceError: an alias bomb past maxAliasCount, or an alias to an anchor that does not exist.
      if (e instanceof ReferenceError) throw this.error(index, `not valid YAML (${e.message})`);
      if (e instanceof RangeError) throw this.error(index, tooDeep());
      throw e;
    }
    if (aliased) {
      const expanded = expansionProblem(value, this.maxChars);
      if (expanded) throw this.error(index, expanded);
    }
    // The line of the object itself: after comments and the `---` that open its document.
    const line = this.lines.lineAt(doc.contents?.range?.[0] ?? doc.range[0]);
    this.lines.forget(doc.range[2]);
    this.onDocument(value, index, line);
  }

  private error(document: number, problem: string): UsageError {
    return new UsageError(`manifests ${this.name} document ${document}: ${problem}`);
  }
}

/** True when collections nest deeper than `limit` (an explicit stack: the input may be deeper than ours). */
function nestingExceeds(doc: CST.Document, limit: number): boolean {
  const stack: [CST.Token | null | undefined, number][] = [[doc.value, 0]];
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (!token || !('items' in token)) continue;
    if (depth >= limit) return true;
    for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[])
      stack.push([item.key, depth + 1], [item.value, depth + 1]);
  }
  return false;
}

/**
 * Aliases make one value appear in many places: walked as later code will walk it (sanitizing,
 * checks), it must stay within the document size limit and the nesting limit and must not contain
 * itself. Counts a unit per node plus the length of each string.
 */
function expansionProblem(value: unknown, maxUnits: number): string | undefined {
  const ancestors = new Set<object>();
  const stack: [unknown, boolean][] = [[value, false]];
  let units = 0;
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (leaving) {
      ancestors.delete(node as object);
      continue;
    }
    units += typeof node === 'string' ? node.length + 1 : 1;
    if (units > maxUnits) return `its aliases expand it past ${sizeLabel(maxUnits)}, the limit for one document`;
    if (node === null || typeof node !== 'object') continue;
    if (ancestors.has(node)) return 'an alias refers to a node that contains it (a cycle)';
    if (ancestors.size >= MAX_NESTING) return `its aliases make it ${tooDeep()}`;
    ancestors.add(node);
    stack.push([node, true]);
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, false]);
  }
  return undefined;
}
