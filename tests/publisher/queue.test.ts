import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff, BuildQueue, requestOf, type BuildOutcome } from '../../scripts/publisher/queue.ts';

/** A build whose end the test decides: each call waits for `finish()`. */
function controlledBuild() {
  const calls: Array<(outcome: BuildOutcome) => void> = [];
  const build = vi.fn(() => new Promise<BuildOutcome>((resolve) => calls.push(resolve)));
  return { build, calls, finish: (outcome: BuildOutcome = { ok: true }) => calls.shift()!(outcome) };
}

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseMs: 2_000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoff(n, policy))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(backoff(0, policy)).toBe(2_000);
  });
});

describe('BuildQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst into one build after the quiet period', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 150, 1_000);
    for (let i = 0; i < 10; i++) {
      queue.signal();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(build).not.toHaveBeenCalled();
    expect(queue.queued).toBe(true);
    await vi.advanceTimersByTimeAsync(150);
    expect(build).toHaveBeenCalledTimes(1);
    expect(queue.building).toBe(true);
    finish();
    await vi.runAllTimersAsync();
    expect(build).toHaveBeenCalledTimes(1);
    expect(queue.building).toBe(false);
    expect(queue.queued).toBe(false);
  });

  it('never waits longer than maxWait after the first signal of a steady stream', async () => {
    const { build } = controlledBuild();
    const queue = new BuildQueue(build, 150, 1_000);
    for (let elapsed = 0; elapsed < 1_000; elapsed += 100) {
      queue.signal();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('queues exactly one more build for any number of signals during a build', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 10, 100);
    void queue.start();
    expect(build).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) queue.signal();
    expect(queue.queued).toBe(true);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(build).toHaveBeenCalledTimes(2);
    finish();
    await vi.runAllTimersAsync();
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('retries a failed build with backoff, and counts failures until a success', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 10, 100, { baseMs: 1_000, maxMs: 4_000 });
    void queue.start();
    finish({ ok: false, error: '内容管理系统无法访问' });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.failures).toBe(1);
    expect(queue.lastError).toBe('内容管理系统无法访问');
    expect(queue.nextRetryAt).not.toBeNull();
    await vi.advanceTimersByTimeAsync(999);
    expect(build).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(build).toHaveBeenCalledTimes(2);
    finish({ ok: false, error: '再次失败' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(build).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(build).toHaveBeenCalledTimes(3);
    finish({ ok: true });
    await vi.runAllTimersAsync();
    expect(queue.failures).toBe(0);
    expect(queue.lastError).toBeNull();
    expect(queue.nextRetryAt).toBeNull();
    expect(build).toHaveBeenCalledTimes(3);
  });

  it('does not retry a failure marked retry: false, and a throwing build counts as a failure', async () => {
    const held = new BuildQueue(async () => ({ ok: false, error: '新版本被搁置', retry: false }), 10, 100);
    await held.start();
    expect(held.nextRetryAt).toBeNull();
    const throwing = new BuildQueue(
      async () => {
        throw new Error('进程崩溃');
      },
      10,
      100,
    );
    await throwing.start();
    expect(throwing.failures).toBe(1);
    expect(throwing.lastError).toContain('进程崩溃');
    throwing.cancel();
    expect(throwing.nextRetryAt).toBeNull();
  });

  it('a signal during a scheduled retry builds at once rather than waiting out the backoff', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 10, 100, { baseMs: 60_000, maxMs: 60_000 });
    void queue.start();
    finish({ ok: false, error: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    queue.signal();
    await vi.advanceTimersByTimeAsync(10);
    expect(build).toHaveBeenCalledTimes(2);
    expect(queue.nextRetryAt).toBeNull();
  });

  it('idle() resolves once nothing is building or waiting', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 10, 100);
    queue.signal();
    let settled = false;
    const idle = queue.idle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(30);
    expect(settled).toBe(false);
    finish();
    await vi.advanceTimersByTimeAsync(30);
    await idle;
    expect(settled).toBe(true);
  });

  it('does not build again for a re-sent delivery of a webhook already built', async () => {
    const { build, finish } = controlledBuild();
    const queue = new BuildQueue(build, 10, 100);
    const delivery = requestOf({
      event: 'entry.publish',
      createdAt: '2026-12-01T08:00:00.000Z',
      model: 'policy-item',
      entry: { documentId: 'd1' },
    });
    expect(queue.signal(delivery)).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.signal(delivery)).toBe(false);
    expect(queue.signal()).toBe(true); // a plain signal is never a duplicate
    await vi.advanceTimersByTimeAsync(10);
    expect(build).toHaveBeenCalledTimes(2);
  });
});

describe('requestOf: the delivery key of a webhook', () => {
  const payload = {
    event: 'entry.publish',
    createdAt: '2026-12-01T08:00:00.000Z',
    model: 'policy-item',
    entry: { documentId: 'd1', publishedAt: 'p' },
  };
  it('is the same for a re-sent delivery and differs for another event, moment or entry', () => {
    const key = requestOf(payload).key;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(requestOf(structuredClone(payload)).key).toBe(key);
    expect(requestOf({ ...payload, createdAt: '2026-12-01T08:00:01.000Z' }).key).not.toBe(key);
    expect(requestOf({ ...payload, event: 'entry.unpublish' }).key).not.toBe(key);
    expect(requestOf({ ...payload, entry: { documentId: 'd2', publishedAt: 'p' } }).key).not.toBe(key);
    expect(requestOf(payload)).toMatchObject({ model: 'policy-item', event: 'entry.publish', documentId: 'd1' });
  });

  it('is absent for a payload that names no entry or no moment (a plain signal)', () => {
    for (const p of [null, 'text', {}, { event: 'entry.publish' }, { ...payload, createdAt: undefined }, { ...payload, entry: null }])
      expect(requestOf(p).key).toBeUndefined();
  });
});
