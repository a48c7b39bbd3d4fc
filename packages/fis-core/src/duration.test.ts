import { describe, expect, it } from 'vitest';
import { describeDuration, formatIsoDuration, isExactIsoDuration, parseIsoDuration } from './duration';

describe('parseIsoDuration', () => {
  it.each([
    ['PT30S', 30],
    ['PT5M', 300],
    ['PT1H30M', 5400],
    ['PT12H', 43_200],
    ['P1D', 86_400],
    ['pt2m', 120],
    ['PT0.5S', 0.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', '5m', 'PT5', '300', 'PT-5M', 'P1H', `PT${'1'.repeat(40)}S`])(
    'refuses %j',
    (text) => {
      expect(parseIsoDuration(text)).toBeNull();
    },
  );
});

describe('isExactIsoDuration', () => {
  it('accepts durations written as FIS expects them', () => {
    for (const text of ['PT30S', 'PT5M', 'PT1H30M', 'P1D']) expect(isExactIsoDuration(text)).toBe(true);
  });

  it('tells apart what parseIsoDuration reads leniently: lower case and surrounding spaces', () => {
    for (const text of [' PT5M', 'PT5M ', 'PT5m', 'pt5m', '5m', '']) {
      expect(isExactIsoDuration(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('formatIsoDuration', () => {
  it.each([
    [300, 'PT5M'],
    [5400, 'PT1H30M'],
    [90, 'PT1M30S'],
    [0, 'PT0S'],
  ])('writes %d seconds as %s', (seconds, text) => {
    expect(formatIsoDuration(seconds)).toBe(text);
    expect(parseIsoDuration(text)).toBe(seconds);
  });
});

describe('describeDuration', () => {
  it('reads like a person would say it', () => {
    expect(describeDuration(5400)).toBe('1 h 30 min');
    expect(describeDuration(45)).toBe('45 s');
  });
});
