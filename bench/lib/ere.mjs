// Translates the analyser's JavaScript regular expressions into POSIX extended regular expressions
// for `grep -E` (GNU), so the floor of the log-analysis benchmark scans for the same patterns.
// Only what the rule packs use is supported; anything else throws, and the caller checks every
// translation against the rule's own examples before trusting it.

const CLASS_ESCAPES = { d: '0-9', s: '[:space:]', w: '[:alnum:]_' };
const ESCAPES = {
  d: '[0-9]',
  D: '[^0-9]',
  s: '[[:space:]]',
  S: '[^[:space:]]',
  w: '[[:alnum:]_]',
  W: '[^[:alnum:]_]',
  b: '\\b',
  B: '\\B',
};
const SPECIAL = new Set(['.', '[', ']', '(', ')', '{', '}', '*', '+', '?', '|', '^', '$', '\\']);

function translateClass(source, start) {
  // source[start] === '['; returns [ere, indexAfterClass]
  let i = start + 1;
  let negate = false;
  if (source[i] === '^') {
    negate = true;
    i += 1;
  }
  const items = [];
  let bracket = false;
  let dash = false;
  let first = true;
  while (i < source.length && (source[i] !== ']' || false)) {
    const c = source[i];
    if (c === '\\') {
      const e = source[i + 1];
      i += 2;
      if (e === ']') bracket = true;
      else if (e === '-') dash = true;
      else if (e === 'n' || e === 'r') {
        // a line never holds a newline: [^\n] is any character
      } else if (CLASS_ESCAPES[e]) items.push(CLASS_ESCAPES[e]);
      else if (/[A-Za-z0-9]/.test(e)) throw new Error(`unsupported class escape \\${e}`);
      else items.push(e);
    } else if (c === '-' && (first || source[i + 1] === ']')) {
      dash = true;
      i += 1;
    } else if (c === '[' && source[i + 1] === ':') {
      throw new Error('unexpected [: in a class');
    } else {
      items.push(c);
      i += 1;
    }
    first = false;
  }
  if (source[i] !== ']') throw new Error('unterminated class');
  const body = `${bracket ? ']' : ''}${items.join('')}${dash ? '-' : ''}`;
  if (body === '') return [negate ? '.' : '(?!)', i + 1];
  return [`[${negate ? '^' : ''}${body}]`, i + 1];
}

/** The POSIX ERE form of a JavaScript regular expression source. */
export function toEre(source) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const e = source[i + 1];
      if (ESCAPES[e]) out += ESCAPES[e];
      else if (SPECIAL.has(e)) out += `\\${e}`;
      else if (/[A-Za-z0-9]/.test(e)) throw new Error(`unsupported escape \\${e}`);
      else out += e;
      i += 2;
    } else if (c === '[') {
      const [cls, next] = translateClass(source, i);
      if (cls === '(?!)') throw new Error('empty class');
      out += cls;
      i = next;
    } else if (c === '(' && source[i + 1] === '?') {
      if (source[i + 2] === ':') i += 3;
      else if (source[i + 2] === '<' && /[A-Za-z]/.test(source[i + 3] ?? '')) i = source.indexOf('>', i) + 1;
      else throw new Error('lookaround is not supported by ERE');
      out += '(';
    } else if (c === '{' && /^\{(\d+),(\d+)\}/.test(source.slice(i))) {
      // A bounded repetition keeps the JavaScript pattern linear; GNU grep unrolls it into its
      // automaton instead, which makes it orders of magnitude slower at {0,2000}. Above 16 the
      // upper bound is dropped ({m,}): on lines of at most 16 KiB the same lines match.
      const [whole, min, max] = /^\{(\d+),(\d+)\}/.exec(source.slice(i));
      out += Number(max) > 16 ? (min === '0' ? '*' : min === '1' ? '+' : `{${min},}`) : whole;
      i += whole.length;
    } else if (c === '?' && /[*+?}]$/.test(out) && !out.endsWith('\\?') && !out.endsWith('\\}')) {
      // lazy quantifier: the same lines match either way
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
