import { describe, expect, it } from 'vitest';
import { MAX_EXCERPT_CHARS, quoteLine, redactSecrets } from './quote-line';

describe('quoteLine', () => {
  it('caps the length and strips control characters', () => {
    const quoted = quoteLine(`\u001b[31mred\u001b[0m ${'x'.repeat(5000)}`);
    expect(quoted.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(quoted.includes('\u001b')).toBe(false);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('masks credentials', () => {
    expect(
      redactSecrets('password=hunter2 token: abc.def AKIAABCDEFGHIJKLMNOP Bearer eyJhbGciOiJIUzI1NiJ9.x'),
    ).toBe('password=<redacted> token: <redacted> <redacted-access-key> Bearer <redacted>');
  });
});
