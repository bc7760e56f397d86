import type { ChildProcess } from 'node:child_process';
import { backoff, type RetryPolicy } from './publisher/queue.ts';

/*
 * Keeps a service process running, as systemd's Restart=always does in production (docs/deploy.md):
 * when it exits on its own it is started again after a backoff (1 s, 2 s, 4 s … capped at 30 s),
 * and the backoff starts over once it has stayed up for a healthy minute. Used by `npm start` for
 * the CMS and the publisher, so one dying never takes the other down.
 */

export type Service = { child: ChildProcess; stop: () => Promise<void> };

export type SupervisorOptions = {
  /** The service's name in messages (Chinese): 内容管理系统, 发布服务. */
  name: string;
  /** Starts the service; resolves once it is ready, rejects if it could not start. */
  start: () => Promise<Service>;
  retry?: RetryPolicy;
  /** Up this long counts as healthy: the next failure waits the base delay again. */
  healthyMs?: number;
  log?: (message: string) => void;
};

export class Supervisor {
  /** Restarts so far (for status and tests). */
  restarts = 0;
  /** Failures in a row since the last healthy run. */
  attempts = 0;
  current: Service | undefined;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private readonly options: Required<SupervisorOptions>;

  constructor(options: SupervisorOptions) {
    this.options = { retry: { baseMs: 1_000, maxMs: 30_000 }, healthyMs: 60_000, log: (m) => console.error(m), ...options };
  }

  /** The first start: its failure is the caller's (nothing to supervise yet). */
  async start(): Promise<Service> {
    const service = await this.options.start();
    this.watch(service);
    return service;
  }

  private watch(service: Service): void {
    this.current = service;
    this.startedAt = Date.now();
    service.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.current = undefined;
      if (Date.now() - this.startedAt >= this.options.healthyMs) this.attempts = 0;
      this.schedule(`${this.options.name}退出（${signal ?? `退出码 ${code}`}）`);
    });
  }

  private schedule(why: string): void {
    this.attempts++;
    const wait = backoff(this.attempts, this.options.retry);
    this.options.log(`› ${why}，${(wait / 1000).toFixed(1)} 秒后第 ${this.attempts} 次重启；门户继续提供服务。`);
    this.timer = setTimeout(() => void this.restart(), wait);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      const service = await this.options.start();
      if (this.stopping) {
        await service.stop();
        return;
      }
      this.restarts++;
      this.options.log(`› ${this.options.name}已重新启动（第 ${this.restarts} 次）。`);
      this.watch(service);
    } catch (error) {
      this.schedule(`${this.options.name}重启失败：${(error as Error).message.split('\n')[0]}`);
    }
  }

  /** Stops the service for good (no restart). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.current?.stop();
  }
}
