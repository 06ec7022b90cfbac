/** The `/_api/…` path as SharePoint reads it: segments, their arguments and OData's quoted literals. */

export interface Segment {
  name: string;
  /** The raw text inside the parentheses, if any. */
  args?: string;
}

/** Splits `web/lists/getByTitle('A/B')/items(3)` on slashes outside quotes and parentheses. */
export function parseApiPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "'") {
      quoted = !quoted;
    } else if (!quoted && c === '(') {
      depth++;
    } else if (!quoted && c === ')') {
      depth--;
    }
    if (c === '/' && !quoted && depth === 0) {
      if (current) {
        segments.push(toSegment(current));
      }
      current = '';
    } else {
      current += c;
    }
  }
  if (current) {
    segments.push(toSegment(current));
  }
  return segments;
}

function toSegment(text: string): Segment {
  const open = text.indexOf('(');
  if (open > 0 && text.endsWith(')')) {
    return { name: text.slice(0, open).toLowerCase(), args: text.slice(open + 1, -1) };
  }
  return { name: text.toLowerCase() };
}

/** `'text'` (with `''` escapes), `guid'…'`, or a bare number / word. */
export function argValue(args: string | undefined): string {
  if (args === undefined) {
    return '';
  }
  const trimmed = args.trim();
  const quoted = /^(?:guid)?'((?:[^']|'')*)'$/i.exec(trimmed);
  return quoted ? quoted[1].replace(/''/g, "'") : trimmed;
}

export function namedArg(args: string | undefined, name: string): string | undefined {
  if (!args) {
    return undefined;
  }
  const match = new RegExp(`${name}\\s*=\\s*('(?:[^']|'')*'|[^,]+)`, 'i').exec(args);
  return match ? argValue(match[1]) : undefined;
}

export function listSeg(segment: Segment): boolean {
  return segment.name === 'lists' || segment.name === 'getbytitle' || segment.name === 'getlist';
}

/** A comma-separated query option (`$select`, `$expand`) as its names. */
export function splitList(value: string | null): string[] {
  return (value || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
