/*
 * Turns a stream of signals (webhooks) into as few builds as possible: a burst is coalesced into
 * one build after a short quiet period; signals that arrive during a build queue exactly one more.
 * A build that fails for a reason that may pass (the CMS is down, a build crashed) is retried on
 * its own with exponential backoff, so the portal catches up without waiting for the next publish.
 */

/** `retry: false`: retrying would give the same answer (a release held back as implausible). */
export type BuildOutcome = { ok: true } | { ok: false; error: string; retry?: boolean };

export type RetryPolicy = {
  /** First wait after a failure; doubled after each further failure… */
  baseMs: number;
  /** …up to this. */
  maxMs: number;
};

/** The wait before retry number `attempt` (1-based): base, 2·base, 4·base, … capped. */
export function backoff(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

export class BuildQueue {
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private firstSignalAt = 0;
  private running: Promise<void> | undefined;
  private pending = false;
  /** Failed builds in a row (0 after a success). */
  failures = 0;
  /** When the next retry starts, if one is waiting. */
  nextRetryAt: Date | null = null;
  lastError: string | null = null;

  private readonly build: () => Promise<BuildOutcome>;
  /** Wait this long after the last signal before building… */
  private readonly quietMs: number;
  /** …but never longer than this after the first one. */
  private readonly maxWaitMs: number;
  private readonly retry: RetryPolicy;

  constructor(build: () => Promise<BuildOutcome>, quietMs = 150, maxWaitMs = 1000, retry: RetryPolicy = { baseMs: 2_000, maxMs: 60_000 }) {
    this.build = build;
    this.quietMs = quietMs;
    this.maxWaitMs = maxWaitMs;
    this.retry = retry;
  }

  get building(): boolean {
    return this.running !== undefined;
  }

  /** A build asked for (signal) and not started; a scheduled retry is reported apart (`nextRetryAt`). */
  get queued(): boolean {
    return this.pending || this.timer !== undefined;
  }

  signal(): void {
    if (this.running) {
      this.pending = true;
      return;
    }
    const now = Date.now();
    if (!this.timer) this.firstSignalAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstSignalAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.start(), wait);
  }

  /** Builds now (first build at start-up), then whatever was signalled meanwhile. */
  start(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.nextRetryAt = null;
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = (async () => {
      let outcome: BuildOutcome;
      try {
        outcome = await this.build();
      } catch (error) {
        outcome = { ok: false, error: `构建过程出错：${(error as Error).message}` };
      }
      this.running = undefined;
      if (outcome.ok) {
        this.failures = 0;
        this.lastError = null;
      } else {
        this.failures++;
        this.lastError = outcome.error;
      }
      if (this.pending) {
        this.pending = false;
        void this.start();
      } else if (!outcome.ok && outcome.retry !== false) {
        const wait = backoff(this.failures, this.retry);
        this.nextRetryAt = new Date(Date.now() + wait);
        this.retryTimer = setTimeout(() => void this.start(), wait);
      }
    })();
    return this.running;
  }

  /** Stops any scheduled build or retry (shutdown). */
  cancel(): void {
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = undefined;
    this.nextRetryAt = null;
  }

  /** Resolves when no build is running or waiting (a scheduled retry does not count). */
  async idle(): Promise<void> {
    while (this.running || this.timer || this.pending) {
      await (this.running ?? new Promise((r) => setTimeout(r, 20)));
    }
  }
}
