/**
 * Turns free text into tokens and matches knowledge-base terms against them.
 *
 * A term is one or more words separated by spaces. A word ending in `*` matches any token that
 * starts with it (`throttl*` matches throttled, throttling, ThrottlingException). Other words match
 * a token equal to them, ignoring a plural `s`/`es`. CamelCase and digits are split first, so
 * `OOMKilled` reads as `oom killed` and `ProvisionedThroughputExceeded` as three words.
 */

/** Text prepared once for many term look-ups. */
export interface PreparedText {
  tokens: string[];
  /** Token → positions, for quick look-up of a term's first word. */
  positions: Map<string, number[]>;
  /** Distinct tokens, for prefix terms. */
  distinct: string[];
}

const MAX_TOKENS = 20_000;

function singular(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 4 && /(?:ch|sh|x|ss)es$/.test(token)) return token.slice(0, -2);
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us')) {
    return token.slice(0, -1);
  }
  return token;
}

/**
 * AWS product names written in CamelCase whose parts would read as other words: DynamoDB is not a
 * "db" in the RDS sense, MemoryDB is not "memory" exhaustion, CloudWatch is not a "watch". They stay
 * one token. Other CamelCase words (ThrottlingException, OOMKilled) are still split.
 */
const PRODUCT_NAMES = new Set([
  'dynamodb',
  'memorydb',
  'documentdb',
  'elasticache',
  'cloudwatch',
  'cloudfront',
  'cloudformation',
  'cloudtrail',
  'opensearch',
  'eventbridge',
]);

/**
 * Splits text into lowercase tokens. CamelCase and letter/digit boundaries split a word, and the
 * whole word follows its parts, so `OOMKilled` gives `oom`, `killed`, `oomkilled`. AWS product
 * names stay whole: `DynamoDB` gives `dynamodb` only.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/[^A-Za-z0-9]+/)) {
    if (!word) continue;
    if (out.length >= MAX_TOKENS) break;
    if (PRODUCT_NAMES.has(word.toLowerCase())) {
      out.push(word.toLowerCase());
      continue;
    }
    const spaced = word
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase();
    const parts: string[] = [];
    for (const piece of spaced.split(' ')) {
      // keep "5xx", "p99", "gp3", "use1" whole; split "500ms" into "500" "ms"
      if (/^(?:\d+xx|p\d{2,3}|[a-z]+\d+[a-z]*)$/.test(piece)) parts.push(piece);
      else parts.push(...piece.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/));
    }
    for (const part of parts) out.push(singular(part));
    if (parts.length > 1 && /[A-Z]/.test(word) && /^[A-Za-z]+$/.test(word))
      out.push(singular(word.toLowerCase()));
  }
  return out;
}

/** Prepares text for {@link matchTerm}. */
export function prepareText(text: string): PreparedText {
  const tokens = tokenize(text);
  const positions = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    const list = positions.get(token);
    if (list) list.push(index);
    else positions.set(token, [index]);
  });
  return { tokens, positions, distinct: [...positions.keys()] };
}

interface CompiledWord {
  prefix: boolean;
  value: string;
}

const compiledTerms = new Map<string, CompiledWord[]>();

function compileTerm(term: string): CompiledWord[] {
  let compiled = compiledTerms.get(term);
  if (!compiled) {
    compiled = term
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((word): CompiledWord[] =>
        word.endsWith('*')
          ? [{ prefix: true, value: word.slice(0, -1) }]
          : tokenize(word).map((value) => ({ prefix: false, value })),
      );
    compiledTerms.set(term, compiled);
  }
  return compiled;
}

function wordMatches(word: CompiledWord, token: string | undefined): boolean {
  if (token === undefined) return false;
  return word.prefix ? token.startsWith(word.value) : token === word.value;
}

/** Where the term occurs in the text (all its words, consecutively): the position of its first word. */
function termStarts(text: PreparedText, words: readonly CompiledWord[]): number[] {
  const first = words[0];
  if (!first) return [];
  const starts: number[] = [];
  if (first.prefix) {
    for (const token of text.distinct) {
      if (token.startsWith(first.value)) starts.push(...(text.positions.get(token) ?? []));
    }
  } else {
    starts.push(...(text.positions.get(first.value) ?? []));
  }
  if (words.length === 1) return starts;
  return starts.filter((start) =>
    words.every((word, offset) => wordMatches(word, text.tokens[start + offset])),
  );
}

/**
 * True when the term occurs in the text (all its words, consecutively), and none of its words is
 * at a position in `excluded` (see {@link termPositions}).
 */
export function matchTerm(text: PreparedText, term: string, excluded?: ReadonlySet<number>): boolean {
  const words = compileTerm(term);
  const starts = termStarts(text, words);
  if (!excluded?.size) return starts.length > 0;
  return starts.some((start) => words.every((_, offset) => !excluded.has(start + offset)));
}

/** The token positions the occurrences of a term cover, e.g. to exclude them from other matches. */
export function termPositions(text: PreparedText, term: string): number[] {
  const words = compileTerm(term);
  return termStarts(text, words).flatMap((start) => words.map((_, offset) => start + offset));
}
