/**
 * Limits that keep reading manifests within bounded memory and time whatever the input: one
 * document (or one item of a JSON List) at a time, each no larger than MAX_DOCUMENT_CHARS. Documented
 * in docs/cli.md (--manifests).
 */

/** One YAML document, one JSON value or one item of a JSON List: at most 32 MiB of text. */
export const MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;
/** Deeper nesting is refused before the YAML composer (recursive) or anything else walks it. */
export const MAX_NESTING = 512;
/** The yaml package's own alias limit (its default is 100; charts with many anchors exceed that). */
export const MAX_ALIAS_COUNT = 1000;
/**
 * Text reaches the parsers in pieces of about this size: stdin's 64 KiB chunks are gathered, so a
 * long line is rescanned by the YAML lexer a few dozen times at most, not a few hundred.
 */
export const PIECE_CHARS = 1024 * 1024;

/** "32 MiB" (tests use smaller limits, which read as KiB or characters). */
export const sizeLabel = (chars: number): string =>
  chars % 1048576 === 0 ? `${chars / 1048576} MiB` : chars % 1024 === 0 ? `${chars / 1024} KiB` : `${chars} characters`;

export const tooLarge = (maxChars: number): string => `larger than ${sizeLabel(maxChars)}, the limit for one document`;
export const tooDeep = (): string => `nested deeper than ${MAX_NESTING} levels`;
