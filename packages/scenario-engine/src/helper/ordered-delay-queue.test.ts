import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrderedDelayQueue } from './ordered-delay-queue';

afterEach(() => vi.useRealTimers());

describe('OrderedDelayQueue', () => {
  it('runs steps in queue order, never before they are due, even when a later one asks for less delay', () => {
    vi.useFakeTimers({ now: 1000 });
    const queue = new OrderedDelayQueue();
    const ran: string[] = [];
    queue.push(200, () => ran.push('write'));
    queue.push(0, () => ran.push('end'));
    vi.advanceTimersByTime(199);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['write', 'end']);
  });

  it('runs at once when nothing waits, and after the queue when something does', () => {
    vi.useFakeTimers({ now: 0 });
    const queue = new OrderedDelayQueue();
    const ran: string[] = [];
    queue.pushOrRun(() => ran.push('now'));
    expect(ran).toEqual(['now']);
    queue.push(50, () => ran.push('late'));
    queue.pushOrRun(() => ran.push('after'));
    expect(queue.pending).toBe(true);
    vi.advanceTimersByTime(50);
    expect(ran).toEqual(['now', 'late', 'after']);
    expect(queue.pending).toBe(false);
  });

  it('drops waiting steps when cleared', () => {
    vi.useFakeTimers({ now: 0 });
    const queue = new OrderedDelayQueue();
    const ran: string[] = [];
    queue.push(10, () => ran.push('x'));
    queue.clear();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual([]);
  });
});
