/**
 * An OData `$filter` parser for the subset SharePoint REST and Graph list items accept:
 * eq, ne, lt, le, gt, ge, and, or, parentheses, startswith, substringof, null checks,
 * `datetime'…'` literals, and paths such as `Team/Id`. It builds a tree; values a user typed
 * only ever become literal nodes, so no input can change the shape of a query. Anything outside
 * the subset is rejected with SharePoint's error.
 */
import { spErrors } from './errors';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: string };

export type ComparisonOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'compare'; op: ComparisonOp; path: string; value: Literal }
  | { kind: 'startswith' | 'substringof'; path: string; value: string };

type Token = { t: 'lparen' | 'rparen' | 'comma' } | { t: 'ident'; v: string } | { t: 'literal'; v: Literal };

const COMPARISONS: ReadonlyArray<string> = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (): never => {
    throw spErrors.invalidExpression(text);
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ t: 'lparen' });
      i++;
    } else if (c === ')') {
      tokens.push({ t: 'rparen' });
      i++;
    } else if (c === ',') {
      tokens.push({ t: 'comma' });
      i++;
    } else if (c === "'") {
      const [value, end] = readQuoted(text, i, fail);
      tokens.push({ t: 'literal', v: { kind: 'string', value } });
      i = end;
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[dDmMfFlL]?/.exec(text.slice(i));
      if (!match) {
        fail();
      }
      const m = match as RegExpExecArray;
      tokens.push({ t: 'literal', v: { kind: 'number', value: parseFloat(m[0]) } });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i)) as RegExpExecArray;
      const word = match[0];
      i += word.length;
      const lower = word.toLowerCase();
      if ((lower === 'datetime' || lower === 'datetimeoffset') && text[i] === "'") {
        const [value, end] = readQuoted(text, i, fail);
        if (isNaN(Date.parse(value))) {
          fail();
        }
        tokens.push({ t: 'literal', v: { kind: 'datetime', value } });
        i = end;
      } else if (lower === 'true' || lower === 'false') {
        tokens.push({ t: 'literal', v: { kind: 'boolean', value: lower === 'true' } });
      } else if (lower === 'null') {
        tokens.push({ t: 'literal', v: { kind: 'null' } });
      } else {
        tokens.push({ t: 'ident', v: word });
      }
    } else {
      fail();
    }
  }
  return tokens;
}

/** Reads `'…'` at `start` with `''` as an escaped quote; returns the text and the index after it. */
function readQuoted(text: string, start: number, fail: () => never): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) {
      fail();
    }
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return [value, i + 1];
    }
    value += text[i];
    i++;
  }
}

const FLIPPED: { [op in ComparisonOp]: ComparisonOp } = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (): never => {
    throw spErrors.invalidExpression(text);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (token: Token | undefined, word: string): boolean => !!token && token.t === 'ident' && token.v.toLowerCase() === word;
  const expect = (t: Token['t']): Token => {
    const token = tokens[pos++];
    if (!token || token.t !== t) {
      fail();
    }
    return token;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parsePrimary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parsePrimary() };
    }
    return left;
  };
  /** A boolean function may stand alone or be compared with true/false. */
  const withBooleanComparison = (node: FilterNode & { kind: 'startswith' | 'substringof' }): FilterNode => {
    const next = peek();
    if (next && next.t === 'ident' && (next.v.toLowerCase() === 'eq' || next.v.toLowerCase() === 'ne')) {
      const op = next.v.toLowerCase();
      pos++;
      const value = expect('literal') as { t: 'literal'; v: Literal };
      if (value.v.kind !== 'boolean') {
        fail();
      }
      const wantTrue = (value.v as { value: boolean }).value === (op === 'eq');
      if (!wantTrue) {
        fail(); // SharePoint has no `not`; a negated text function is outside the subset
      }
    }
    return node;
  };
  const parsePrimary = (): FilterNode => {
    const token = peek();
    if (!token) {
      return fail();
    }
    if (token.t === 'lparen') {
      pos++;
      const inner = parseOr();
      expect('rparen');
      return inner;
    }
    if (
      token.t === 'ident' &&
      (token.v.toLowerCase() === 'startswith' || token.v.toLowerCase() === 'substringof') &&
      tokens[pos + 1] &&
      tokens[pos + 1].t === 'lparen'
    ) {
      const fn = token.v.toLowerCase() as 'startswith' | 'substringof';
      pos += 2;
      const first = tokens[pos++];
      expect('comma');
      const second = tokens[pos++];
      expect('rparen');
      // startswith(Field, 'text'); substringof('text', Field)
      const [pathToken, textToken] = fn === 'startswith' ? [first, second] : [second, first];
      if (!pathToken || pathToken.t !== 'ident' || !textToken || textToken.t !== 'literal' || textToken.v.kind !== 'string') {
        return fail();
      }
      return withBooleanComparison({ kind: fn, path: pathToken.v, value: textToken.v.value });
    }
    // comparison: operand op operand, one side a path and the other a literal
    const left = tokens[pos++];
    const opToken = tokens[pos++];
    const right = tokens[pos++];
    if (!left || !opToken || !right || opToken.t !== 'ident' || COMPARISONS.indexOf(opToken.v.toLowerCase()) === -1) {
      return fail();
    }
    const op = opToken.v.toLowerCase() as ComparisonOp;
    if (left.t === 'ident' && right.t === 'literal') {
      return { kind: 'compare', op, path: left.v, value: right.v };
    }
    if (left.t === 'literal' && right.t === 'ident') {
      return { kind: 'compare', op: FLIPPED[op], path: right.v, value: left.v };
    }
    return fail();
  };

  if (!tokens.length) {
    fail();
  }
  const tree = parseOr();
  if (pos !== tokens.length) {
    fail();
  }
  return tree;
}

type Junction = Extract<FilterNode, { left: FilterNode }>;
type Clause = Exclude<FilterNode, Junction>;
const isJunction = (node: FilterNode): node is Junction => node.kind === 'and' || node.kind === 'or';

/** Every path the filter reads, in order. */
export function filterPaths(node: FilterNode): string[] {
  return isJunction(node) ? filterPaths(node.left).concat(filterPaths(node.right)) : [(node as Clause).path];
}

/**
 * Whether the query's first filter clause is on an indexed column, as the list view threshold
 * demands: the left-most clause of an `and` chain; every branch of an `or`.
 */
export function firstClauseIndexed(node: FilterNode, isIndexed: (path: string) => boolean): boolean {
  if (node.kind === 'and') {
    return firstClauseIndexed(node.left, isIndexed);
  }
  return isJunction(node) ? firstClauseIndexed(node.left, isIndexed) && firstClauseIndexed(node.right, isIndexed) : isIndexed((node as Clause).path);
}

/** The clause that decides the indexed scan: the left-most clause, or the whole `or`. */
export function firstClause(node: FilterNode): FilterNode {
  return node.kind === 'and' ? firstClause(node.left) : node;
}

export type ValueOf = (path: string) => unknown;

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function literalValue(literal: Literal, sample: unknown): unknown {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'datetime':
      return Date.parse(literal.value);
    case 'string':
      // a date column compared with a plain string literal: SharePoint parses it as a date
      if (typeof sample === 'number' && !isNaN(Date.parse(literal.value)) && /^\d{4}-\d{2}-\d{2}/.test(literal.value)) {
        return Date.parse(literal.value);
      }
      return literal.value.toLowerCase();
    default:
      return literal.value;
  }
}

function compare(op: ComparisonOp, actual: unknown, literal: Literal): boolean {
  const isEmpty = actual === null || actual === undefined || actual === '';
  if (literal.kind === 'null') {
    return op === 'eq' ? isEmpty : op === 'ne' ? !isEmpty : false;
  }
  if (isEmpty) {
    return op === 'ne';
  }
  let a = normalise(actual);
  const b = literalValue(literal, a);
  if (typeof a === 'boolean' && typeof b === 'number') {
    a = a ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'string' && b !== '' && !isNaN(Number(b))) {
    return compare(op, actual, { kind: 'number', value: Number(b) });
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
    case 'gt':
      return (a as number) > (b as number);
    case 'ge':
      return (a as number) >= (b as number);
  }
}

/**
 * Evaluates the tree against one item. `valueOf` returns a path's value — a number for dates
 * (epoch ms), numbers, booleans and ids, a string for text, an array for multi-value columns
 * (any element may match), null when empty.
 */
export function evaluateFilter(node: FilterNode, valueOf: ValueOf): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, valueOf) && evaluateFilter(node.right, valueOf);
    case 'or':
      return evaluateFilter(node.left, valueOf) || evaluateFilter(node.right, valueOf);
    case 'startswith':
    case 'substringof': {
      const raw = valueOf(node.path);
      const values = Array.isArray(raw) ? raw : [raw];
      const wanted = node.value.toLowerCase();
      return values.some(
        (v) => typeof v === 'string' && (node.kind === 'startswith' ? v.toLowerCase().startsWith(wanted) : v.toLowerCase().indexOf(wanted) !== -1),
      );
    }
    case 'compare': {
      const raw = valueOf(node.path);
      if (Array.isArray(raw)) {
        if (node.value.kind === 'null') {
          return node.op === 'eq' ? raw.length === 0 : raw.length > 0;
        }
        return node.op === 'ne' ? raw.every((v) => compare('ne', v, node.value)) : raw.some((v) => compare(node.op, v, node.value));
      }
      return compare(node.op, raw, node.value);
    }
  }
}
