import { describe, expect, it } from 'vitest';
import { readSelectionMode } from './selection-mode';

describe('readSelectionMode', () => {
  it.each([
    ['ALL', { kind: 'ALL' }],
    ['COUNT(1)', { kind: 'COUNT', n: 1 }],
    ['PERCENT(100)', { kind: 'PERCENT', n: 100 }],
  ])('reads %s', (text, mode) => {
    expect(readSelectionMode(text)).toEqual({ ok: true, mode });
  });

  it.each([
    ['all', 'use ALL'],
    ['count(2)', 'use COUNT(2)'],
    ['50%', 'use PERCENT(50)'],
    ['COUNT(0)', 'use COUNT(1)'],
    ['PERCENT(0)', 'use PERCENT(1)'],
    ['PERCENT(101)', 'use PERCENT(100) or ALL'],
    ['COUNT 3', 'use COUNT(3)'],
  ])('refuses %s and suggests a fix', (text, suggestion) => {
    expect(readSelectionMode(text)).toMatchObject({ ok: false, suggestion });
  });

  it.each(['', 'SOME', 'COUNT(-1)', 'COUNT(1.5)', 'RANDOM(2)'])('refuses %j', (text) => {
    expect(readSelectionMode(text).ok).toBe(false);
  });
});
