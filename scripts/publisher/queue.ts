/*
 * Turns a stream of signals (webhooks) into as few builds as possible: a burst is coalesced into
 * one build after a short quiet period; signals that arrive during a build queue exactly one more.
 */

export type BuildOutcome = { ok: true } | { ok: false; error: string };

export class BuildQueue {
  private timer: NodeJS.Timeout | undefined;
  private firstSignalAt = 0;
  private running: Promise<void> | undefined;
  private pending = false;

  private readonly build: () => Promise<BuildOutcome>;
  /** Wait this long after the last signal before building… */
  private readonly quietMs: number;
  /** …but never longer than this after the first one. */
  private readonly maxWaitMs: number;

  constructor(build: () => Promise<BuildOutcome>, quietMs = 150, maxWaitMs = 1000) {
    this.build = build;
    this.quietMs = quietMs;
    this.maxWaitMs = maxWaitMs;
  }

  get building(): boolean {
    return this.running !== undefined;
  }

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
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        await this.build();
      } finally {
        this.running = undefined;
        if (this.pending) {
          this.pending = false;
          void this.start();
        }
      }
    })();
    return this.running;
  }

  /** Resolves when no build is running or waiting. */
  async idle(): Promise<void> {
    while (this.running || this.timer || this.pending) {
      await (this.running ?? new Promise((r) => setTimeout(r, 20)));
    }
  }
}
