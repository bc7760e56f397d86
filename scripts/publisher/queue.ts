import { createHash } from 'node:crypto';

/*
 * Turns a stream of signals (webhooks) into as few builds as possible: a burst is coalesced into
 * one build after a short quiet period; signals that arrive during a build queue exactly one more.
 * A build that fails for a reason that may pass (the CMS is down, a build crashed) is retried on
 * its own with exponential backoff, so the portal catches up without waiting for the next publish.
 */

/**
 * `retry: false`: retrying would give the same answer (a release held back as implausible).
 * `release`: the release the build made (recorded by the shared queue).
 */
export type BuildOutcome = { ok: true; release?: string } | { ok: false; error: string; retry?: boolean; release?: string };

/** What a webhook asks for: `key` names one delivery (a duplicate delivery has the same key), absent for a plain signal. */
export type PublishRequest = { key?: string; model?: string; event?: string; documentId?: string };

/**
 * What the publisher needs of a build queue: this in-memory one (one machine), or the shared one
 * in PostgreSQL (queue-postgres.ts) when several publishers and CMS instances feed one build line.
 */
export type PublishQueue = {
  /** This process is building. */
  readonly building: boolean;
  /** A build is asked for and not started (here; the shared queue also counts other publishers' requests). */
  readonly queued: boolean;
  failures: number;
  nextRetryAt: Date | null;
  lastError: string | null;
  /** Asks for a build; false when the request was already queued or built (a duplicate delivery). */
  signal(request?: PublishRequest): boolean | Promise<boolean>;
  /** Builds now (first build at start-up), then whatever was signalled meanwhile. */
  start(): Promise<void>;
  /** Stops any scheduled build or retry (shutdown). */
  cancel(): void | Promise<void>;
  idle(): Promise<void>;
};

/**
 * The delivery key of a CMS webhook: the same event of the same entry at the same moment. Strapi
 * puts `createdAt` (when the event happened) in every payload, so a re-sent delivery has the same
 * key and two publishes of one document do not. None for a payload that does not name its entry.
 */
export function requestOf(payload: unknown): PublishRequest {
  if (!payload || typeof payload !== 'object') return {};
  const { event, model, createdAt, entry } = payload as Record<string, unknown>;
  const e = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : undefined);
  const documentId = text(e.documentId) ?? text(e.id);
  const request: PublishRequest = { model: text(model), event: text(event), documentId };
  if (!text(event) || !text(createdAt) || !documentId) return request;
  const key = createHash('sha256')
    .update(JSON.stringify([event, model, createdAt, documentId, e.locale ?? null, e.updatedAt ?? null, e.publishedAt ?? null]))
    .digest('hex');
  return { ...request, key };
}

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

export class BuildQueue implements PublishQueue {
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

  /** Delivery keys seen lately, so a re-sent webhook does not build again. */
  private readonly seen = new Set<string>();

  signal(request: PublishRequest = {}): boolean {
    if (request.key) {
      if (this.seen.has(request.key)) return false;
      this.seen.add(request.key);
      if (this.seen.size > 10_000) this.seen.delete(this.seen.values().next().value!);
    }
    if (this.running) {
      this.pending = true;
      return true;
    }
    const now = Date.now();
    if (!this.timer) this.firstSignalAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstSignalAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.start(), wait);
    return true;
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
