import { describe, expect, it } from 'vitest';
import {
  checkInputSize,
  errorResult,
  isCodedError,
  structuredResult,
  toErrorResult,
  toolErrorOf,
} from './tool-result';

class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

describe('tool results', () => {
  it('repeats structured content as JSON text', () => {
    const result = structuredResult({ a: 1 });
    expect(result.structuredContent).toEqual({ a: 1 });
    expect(result.content).toEqual([{ type: 'text', text: '{"a":1}' }]);
  });

  it('turns coded errors into tool errors with their data', () => {
    const result = toErrorResult(new DomainError('FIS_INVALID_INPUT', 'x: bad', { issues: [{ path: 'x' }] }));
    expect(result).toEqual(errorResult('FIS_INVALID_INPUT', 'x: bad', { issues: [{ path: 'x' }] }));
  });

  it('puts the code and details in _meta, not in structuredContent (clients check that against the output schema)', () => {
    const result = errorResult('FIS_INVALID_INPUT', 'x: bad', { issues: [{ path: 'x' }] });
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toEqual([{ type: 'text', text: 'FIS_INVALID_INPUT: x: bad' }]);
    expect(toolErrorOf(result)).toEqual({
      code: 'FIS_INVALID_INPUT',
      message: 'x: bad',
      issues: [{ path: 'x' }],
    });
    expect(toolErrorOf(structuredResult({ a: 1 }))).toBeUndefined();
  });

  it('hides the message of unexpected errors', () => {
    const result = toErrorResult(new TypeError('secret path /home/alice/.aws/credentials'));
    expect(JSON.stringify(result)).not.toMatch(/alice/);
    expect(result.isError).toBe(true);
  });

  it('recognises coded errors only by an UPPER_SNAKE code', () => {
    expect(isCodedError(new DomainError('ENOENT_LIKE', 'x'))).toBe(true);
    expect(isCodedError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isCodedError(Object.assign(new Error('x'), { code: 'lower' }))).toBe(false);
    expect(isCodedError({ code: 'X_Y', message: 'not an Error' })).toBe(false);
  });

  it('refuses arguments over the limit, naming the size', () => {
    expect(checkInputSize({ a: 'x' })).toBeUndefined();
    const refused = checkInputSize({ a: 'x'.repeat(100) }, 50);
    expect(refused?.isError).toBe(true);
    expect(JSON.stringify(refused)).toMatch(/limit is 50 bytes/);
  });
});
