/**
 * Turning what a person typed into text that an Adaptive Card shows exactly as typed.
 *
 * TextBlock and FactSet text is Markdown in Teams (bold, italic, lists, links) and is run through
 * the text functions `{{DATE(...)}}`; a card may also be expanded again as a template, where
 * `${...}` is an expression. So every character those grammars treat specially is backslash-escaped
 * (CommonMark: any ASCII punctuation may be escaped, and the escape is not shown; the templating
 * engine reads `\${` as a literal `${`). Bare web addresses get an invisible break so that the
 * client does not turn them into links either: nothing a user types may become a link.
 *
 * Browser-safe: no Node imports. The web part's card preview uses the same functions.
 */
import { withoutHiddenCharacters } from '../domain/hiddenCharacters';

/** Punctuation that starts or ends Markdown, a template expression or a text function. */
const INLINE_SPECIAL = /[\\`*_{}[\]()<>#+\-!|~$&]/g;
/** A line that Markdown would read as a numbered list item: "1. " or "1) ". */
const ORDERED_LIST_START = /^(\s*\d+)([.)])/;
/** Schemes and host prefixes that clients auto-link. */
const AUTO_LINK = /(\b[a-z][a-z0-9+.-]*)(:\/\/)|(\bwww)(\.)|(@)/gi;
/** U+2060 WORD JOINER: invisible, not a space, breaks link detection. */
const INVISIBLE_BREAK = '\u2060';
/** Control characters other than tab and newline: JSON would spell each as six bytes, and they never mean anything on a card. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Line endings as Word and browsers give them, made plain `\n`; invisible controls removed. */
export function normaliseTypedText(text: string | null | undefined): string {
  return (
    withoutHiddenCharacters(text || '')
      .replace(/\r\n?/g, '\n')
      // Word's manual line break pastes as a vertical tab; a form feed and NEL are breaks too (as in the pack).
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
      .replace(/[\u2028\u2029\u000b\u000c\u0085]/g, '\n')
      .replace(CONTROL, '')
      // Half an emoji (a lone surrogate) cannot be encoded as UTF-8: drop it rather than send U+FFFD.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, '$1')
  );
}

/** Escapes one line (no newlines) so Markdown, templating and auto-linking leave it alone. */
function escapeLine(line: string): string {
  const numbered = ORDERED_LIST_START.exec(line);
  let out = numbered ? `${numbered[1]}\\${numbered[2]}${line.slice(numbered[0].length)}` : line;
  // The list-item dot was escaped above; the rest of the line gets the inline escapes.
  const head = numbered ? out.slice(0, numbered[1].length + 2) : '';
  const rest = numbered ? out.slice(head.length) : out;
  out =
    head +
    rest
      .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
      .replace(AUTO_LINK, (match, scheme, sep, www, dot, at) =>
        scheme ? `${scheme}${INVISIBLE_BREAK}${sep}` : www ? `${www}${INVISIBLE_BREAK}${dot}` : `${INVISIBLE_BREAK}${at}`,
      );
  return out;
}

/**
 * Text a user typed, ready for a TextBlock: Markdown, template expressions and links neutralised,
 * line breaks kept (Markdown needs a blank line to break, so each line becomes a paragraph).
 */
export function cardText(text: string | null | undefined): string {
  const lines = normaliseTypedText(text)
    .split('\n')
    // Leading spaces would make an indented code block; trailing ones mean nothing.
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.map(escapeLine).join('\n\n');
}

/** The same, for a single-line value (a name, a title): newlines become spaces. */
export function cardTextInline(text: string | null | undefined): string {
  return escapeLine(
    normaliseTypedText(text)
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
  );
}

/** Bytes the string takes inside the card's JSON as sent (UTF-8, with JSON's own escapes). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Cuts at a code point boundary, never between the halves of an emoji. */
function cutAt(text: string, length: number): string {
  let end = Math.max(0, Math.min(length, text.length));
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return text.slice(0, end);
}

export const ELLIPSIS = '…';

export interface ShortenedText {
  /** Escaped, ready for the card. */
  text: string;
  /** True when some of what the user wrote was left out. */
  shortened: boolean;
}

/**
 * The escaped form of `text`, shortened (on the raw text, so that no escape is cut in half) until
 * its JSON encoding fits in `maxBytes`. Escaping can triple a string, so the limit is on bytes.
 */
export function shortenForCard(text: string | null | undefined, maxBytes: number, escape: (t: string) => string = cardText): ShortenedText {
  const raw = normaliseTypedText(text).trim();
  const full = escape(raw);
  if (jsonBytes(full) <= maxBytes) {
    return { text: full, shortened: false };
  }
  let low = 0;
  let high = raw.length;
  // Largest prefix whose escaped form plus the ellipsis still fits.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(escape(cutAt(raw, mid).replace(/\s+$/, '')) + ELLIPSIS) <= maxBytes) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return { text: escape(cutAt(raw, low).replace(/\s+$/, '')) + ELLIPSIS, shortened: true };
}

/** Removes the escapes `cardText` adds: what a reader sees once Markdown has been applied. */
export function unescapeCardText(text: string): string {
  return text
    .split(INVISIBLE_BREAK)
    .join('')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
