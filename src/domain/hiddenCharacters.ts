/**
 * Characters that change what a reader sees without being seen themselves.
 *
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make text
 * read backwards or hide its real order: "‮txt.exe" shows as "exe.txt". Zero-width spaces, the
 * word joiner, the byte-order mark and the invisible mathematical operators hide inside words and
 * defeat anyone searching or comparing what was written. None of them is needed to write English
 * or any script a council's councillors type, so every output (card, Word, CSV) drops them.
 *
 * Kept on purpose: the zero-width joiner and non-joiner (emoji sequences such as a family, and
 * the shaping of Persian and Indic scripts depend on them) and the left-to-right and right-to-left
 * marks (they only settle the direction of neutral characters next to them, and mixed Arabic and
 * English text needs them).
 */
const HIDDEN = /[\u200B\u2060-\u2064\uFEFF\u180E\u202A-\u202E\u2066-\u2069]/g;

export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, '');
}
