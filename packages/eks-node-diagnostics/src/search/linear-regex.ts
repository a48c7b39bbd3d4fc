import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';

/** Longest user pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 512;
/** Largest compiled program (bounded repeats are expanded), in instructions. */
export const MAX_PROGRAM_SIZE = 4000;

type CharTest = (code: number) => boolean;
type Node =
  | { type: 'char'; test: CharTest }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; options: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number }
  | { type: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { type: 'empty' };

type Instruction =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { op: 'match' };

const reject = (why: string) =>
  new NodeDiagnosticsError(
    NodeDiagnosticsErrorCode.PatternRejected,
    `the search pattern is not accepted: ${why}`,
  );

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff;
const not =
  (test: CharTest): CharTest =>
  (c) =>
    !test(c);

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase = false,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) throw reject(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alternation(): Node {
    const options = [this.concatenation()];
    while (this.peek() === '|') {
      this.pos += 1;
      options.push(this.concatenation());
    }
    return options.length === 1 ? (options[0] as Node) : { type: 'alt', options };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified());
    }
    return items.length === 1
      ? (items[0] as Node)
      : items.length === 0
        ? { type: 'empty' }
        : { type: 'concat', items };
  }

  private number(): number | undefined {
    const start = this.pos;
    while (isDigit(this.src.charCodeAt(this.pos))) this.pos += 1;
    return this.pos > start ? Number(this.src.slice(start, this.pos)) : undefined;
  }

  private quantified(): Node {
    const atom = this.atom();
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const save = this.pos;
      this.pos += 1;
      const low = this.number();
      let high = low;
      if (this.peek() === ',') {
        this.pos += 1;
        high = this.number() ?? Number.POSITIVE_INFINITY;
      }
      if (low === undefined || this.peek() !== '}') {
        this.pos = save;
        return atom;
      }
      if (high !== undefined && high < low) throw reject('a {min,max} has max below min');
      if (low > 1000 || (high !== Number.POSITIVE_INFINITY && (high ?? 0) > 1000))
        throw reject('a repeat count above 1000');
      [min, max] = [low, high ?? low];
    } else return atom;
    this.pos += 1;
    if (this.peek() === '?') this.pos += 1;
    if (atom.type === 'assert') throw reject('a quantifier on an anchor');
    return { type: 'repeat', node: atom, min, max };
  }

  private escape(inClass: boolean): CharTest | { assert: 'b' | 'B' } {
    const c = this.src[this.pos++];
    if (c === undefined) throw reject('a trailing backslash');
    switch (c) {
      case 'd':
        return isDigit;
      case 'D':
        return not(isDigit);
      case 'w':
        return isWord;
      case 'W':
        return not(isWord);
      case 's':
        return isSpace;
      case 'S':
        return not(isSpace);
      case 't':
        return (x) => x === 9;
      case 'n':
        return (x) => x === 10;
      case 'r':
        return (x) => x === 13;
      case 'b':
        if (inClass) return (x) => x === 8;
        return { assert: 'b' };
      case 'B':
        if (inClass) throw reject('\\B in a class');
        return { assert: 'B' };
      case 'x':
      case 'u': {
        const length = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + length);
        if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) throw reject(`a bad \\${c} escape`);
        this.pos += length;
        const code = Number.parseInt(hex, 16);
        return (x) => x === code;
      }
      default: {
        if (/[1-9]/.test(c)) throw reject('backreferences are not supported (they need backtracking)');
        if (/[a-zA-Z0-9]/.test(c)) throw reject(`the escape \\${c} is not supported`);
        const code = c.charCodeAt(0);
        return (x) => x === code;
      }
    }
  }

  private charClass(): CharTest {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos += 1;
    }
    const tests: CharTest[] = [];
    let first = true;
    while (this.pos < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      let low: number | undefined;
      if (this.peek() === '\\') {
        this.pos += 1;
        const escaped = this.escape(true);
        if (typeof escaped !== 'function') throw reject('an anchor in a class');
        tests.push(escaped);
        continue;
      }
      low = this.src.charCodeAt(this.pos++);
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos += 1;
        let high: number;
        if (this.peek() === '\\') {
          this.pos += 1;
          const c = this.src[this.pos++] ?? '';
          high = c.charCodeAt(0);
        } else high = this.src.charCodeAt(this.pos++);
        if (high < low) throw reject('a class range is reversed');
        const [from, to] = [low, high];
        tests.push((x) => x >= from && x <= to);
      } else {
        const code = low;
        tests.push((x) => x === code);
      }
    }
    if (this.peek() !== ']') throw reject('an unterminated [class]');
    this.pos += 1;
    const listed: CharTest = (x) => tests.some((t) => t(x));
    // case folding applies to the listed characters, before a negation: /[^a]/i matches neither a nor A
    const any: CharTest = this.ignoreCase
      ? (x) => listed(x) || listed(lowerOf(x)) || listed(upperOf(x))
      : listed;
    return negate ? not(any) : any;
  }

  private atom(): Node {
    const c = this.src[this.pos++];
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          const next = this.src.slice(this.pos, this.pos + 3);
          if (next.startsWith('?:')) this.pos += 2;
          else if (/^\?<[A-Za-z]/.test(next)) {
            const close = this.src.indexOf('>', this.pos);
            if (close === -1) throw reject('an unterminated group name');
            this.pos = close + 1;
          } else throw reject('lookaround and inline flags are not supported');
        }
        const inner = this.alternation();
        if (this.peek() !== ')') throw reject('an unbalanced "("');
        this.pos += 1;
        return inner;
      }
      case ')':
        throw reject('an unbalanced ")"');
      case '[':
        return { type: 'char', test: this.charClass() };
      case '.':
        return { type: 'char', test: (x) => x !== 10 && x !== 13 };
      case '^':
        return { type: 'assert', kind: '^' };
      case '$':
        return { type: 'assert', kind: '$' };
      case '\\': {
        const escaped = this.escape(false);
        return typeof escaped === 'function'
          ? { type: 'char', test: escaped }
          : { type: 'assert', kind: escaped.assert };
      }
      case '*':
      case '+':
      case '?':
        throw reject(`nothing to repeat before "${c}"`);
      default: {
        const code = (c as string).charCodeAt(0);
        return { type: 'char', test: (x) => x === code };
      }
    }
  }
}

function compile(node: Node, program: Instruction[]): void {
  if (program.length > MAX_PROGRAM_SIZE) throw reject(`it expands to more than ${MAX_PROGRAM_SIZE} steps`);
  switch (node.type) {
    case 'empty':
      return;
    case 'char':
      program.push({ op: 'char', test: node.test });
      return;
    case 'assert':
      program.push({ op: 'assert', kind: node.kind });
      return;
    case 'concat':
      for (const item of node.items) compile(item, program);
      return;
    case 'alt': {
      const jumps: Array<{ op: 'jmp'; x: number }> = [];
      node.options.forEach((option, index) => {
        if (index < node.options.length - 1) {
          const split = { op: 'split' as const, x: program.length + 1, y: 0 };
          program.push(split);
          compile(option, program);
          const jump = { op: 'jmp' as const, x: 0 };
          program.push(jump);
          jumps.push(jump);
          split.y = program.length;
        } else compile(option, program);
      });
      for (const jump of jumps) jump.x = program.length;
      return;
    }
    case 'repeat': {
      for (let i = 0; i < node.min; i += 1) compile(node.node, program);
      if (node.max === Number.POSITIVE_INFINITY) {
        const split = { op: 'split' as const, x: program.length + 1, y: 0 };
        const start = program.length;
        program.push(split);
        compile(node.node, program);
        program.push({ op: 'jmp', x: start });
        split.y = program.length;
      } else {
        const splits: Array<{ op: 'split'; x: number; y: number }> = [];
        for (let i = node.min; i < node.max; i += 1) {
          const split = { op: 'split' as const, x: program.length + 1, y: 0 };
          program.push(split);
          splits.push(split);
          compile(node.node, program);
        }
        for (const split of splits) split.y = program.length;
      }
      return;
    }
  }
}

const lowerOf = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const upperOf = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * A regular expression matched in time linear in the line length (a Thompson NFA simulated Pike
 * style), for patterns that come from users: no backtracking, so `(a+)+$` on a 100 KB line costs
 * what a literal does. Supports literals, `.`, classes, `\d\w\s\b`, groups, `|`, `* + ? {m,n}`,
 * `^ $`; refuses backreferences and lookaround, which need backtracking.
 */
export class LinearRegex {
  private readonly program: Instruction[];
  private readonly marks: Uint32Array;
  private generation = 1;

  constructor(
    readonly source: string,
    readonly ignoreCase = false,
  ) {
    if (source.length > MAX_PATTERN_LENGTH)
      throw reject(`it is longer than ${MAX_PATTERN_LENGTH} characters`);
    if (source.includes('\0')) throw reject('it contains a NUL byte');
    const program: Instruction[] = [];
    compile(new Parser(source, ignoreCase).parse(), program);
    program.push({ op: 'match' });
    if (ignoreCase) {
      for (const instruction of program) {
        if (instruction.op === 'char') {
          const test = instruction.test;
          instruction.test = (c) => test(c) || test(lowerOf(c)) || test(upperOf(c));
        }
      }
    }
    this.program = program;
    this.marks = new Uint32Array(program.length);
  }

  private assertOk(kind: '^' | '$' | 'b' | 'B', text: string, pos: number): boolean {
    if (kind === '^') return pos === 0;
    if (kind === '$') return pos === text.length;
    const before = pos > 0 && isWord(text.charCodeAt(pos - 1));
    const after = pos < text.length && isWord(text.charCodeAt(pos));
    return kind === 'b' ? before !== after : before === after;
  }

  /** Adds the thread at `pc` and everything reachable without reading; returns true on a match. */
  private add(list: number[], pc: number, text: string, pos: number): boolean {
    const stack = [pc];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (this.marks[at] === this.generation) continue;
      this.marks[at] = this.generation;
      const instruction = this.program[at] as Instruction;
      switch (instruction.op) {
        case 'match':
          return true;
        case 'jmp':
          stack.push(instruction.x);
          break;
        case 'split':
          stack.push(instruction.y, instruction.x);
          break;
        case 'assert':
          if (this.assertOk(instruction.kind, text, pos)) stack.push(at + 1);
          break;
        case 'char':
          list.push(at);
          break;
      }
    }
    return false;
  }

  private nextGeneration(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
  }

  /** True when the pattern matches anywhere in `text`. */
  test(text: string): boolean {
    return this.testUntil(text) === true;
  }

  /**
   * Like {@link test}, but gives up with `'deadline'` once `now()` passes `deadlineAt` (checked every
   * 256 characters). Linear time still means up to (program size × line length) steps: about a second
   * for a 4,000-step program on a 4 KB line, so a search over many lines needs this to keep its budget.
   */
  testUntil(
    text: string,
    deadlineAt = Number.POSITIVE_INFINITY,
    now: () => number = () => performance.now(),
  ): boolean | 'deadline' {
    let current: number[] = [];
    this.nextGeneration();
    if (this.add(current, 0, text, 0)) return true;
    const bounded = deadlineAt !== Number.POSITIVE_INFINITY;
    for (let pos = 0; pos < text.length; pos += 1) {
      if (bounded && (pos & 255) === 255 && now() > deadlineAt) return 'deadline';
      const code = text.charCodeAt(pos);
      const next: number[] = [];
      this.nextGeneration();
      for (const pc of current) {
        const instruction = this.program[pc] as Extract<Instruction, { op: 'char' }>;
        if (instruction.test(code) && this.add(next, pc + 1, text, pos + 1)) return true;
      }
      // unanchored: a new attempt starts at every position
      if (this.add(next, 0, text, pos + 1)) return true;
      current = next;
    }
    return false;
  }
}
