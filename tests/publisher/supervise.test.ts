import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Supervisor, type Service } from '../../scripts/supervise.ts';

/*
 * The supervisor npm start runs the CMS and the publisher under, with real child processes that
 * exit: restarted after 1×, 2×, 4× the base delay up to the cap, the count starting over after a
 * healthy run, a failed restart retried, and nothing restarted after stop.
 */

/** A real process that lives `ms` and then exits with code 3. */
function shortLived(ms: number): Service {
  const child = spawn(process.execPath, ['-e', `setTimeout(() => process.exit(3), ${ms})`], { stdio: 'ignore' });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the supervisor', () => {
  it('restarts a service that exits, with a doubling delay up to the cap', async () => {
    const starts: number[] = [];
    const exits: number[] = [];
    const messages: string[] = [];
    const supervisor = new Supervisor({
      name: '测试服务',
      start: async () => {
        starts.push(Date.now());
        const service = shortLived(30);
        service.child.once('exit', () => exits.push(Date.now()));
        return service;
      },
      retry: { baseMs: 150, maxMs: 600 },
      healthyMs: 60_000,
      log: (m) => messages.push(m),
    });
    await supervisor.start();
    while (starts.length < 6) await sleep(20);
    await supervisor.stop();
    const waits = starts.slice(1).map((start, i) => start - exits[i]!);
    const expected = [150, 300, 600, 600, 600];
    waits.forEach((wait, i) => {
      expect(wait, `wait before restart ${i + 1}: ${waits.join(', ')}`).toBeGreaterThanOrEqual(expected[i]! - 20);
      expect(wait, `wait before restart ${i + 1}: ${waits.join(', ')}`).toBeLessThan(expected[i]! + 1_000);
    });
    expect(supervisor.restarts).toBe(5);
    expect(messages[0]).toMatch(/测试服务退出（退出码 3），[\d.]+ 秒后第 1 次重启；门户继续提供服务/);
    const count = starts.length;
    await sleep(1_000);
    expect(starts.length).toBe(count); // stopped means stopped
  });

  it('starts the backoff over after a healthy run', async () => {
    const starts: number[] = [];
    const exits: number[] = [];
    const supervisor = new Supervisor({
      name: '测试服务',
      start: async () => {
        starts.push(Date.now());
        const service = shortLived(250);
        service.child.once('exit', () => exits.push(Date.now()));
        return service;
      },
      retry: { baseMs: 100, maxMs: 10_000 },
      healthyMs: 200,
      log: () => {},
    });
    await supervisor.start();
    while (starts.length < 4) await sleep(20);
    await supervisor.stop();
    expect(supervisor.attempts).toBe(1);
    // Every wait is the base delay again, never a doubled one (200, 400 …).
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - exits[i - 1]!).toBeGreaterThanOrEqual(80);
    expect(supervisor.restarts).toBeGreaterThanOrEqual(3);
  });

  it('retries a restart that fails, and keeps the count of failures', async () => {
    let calls = 0;
    const messages: string[] = [];
    const supervisor = new Supervisor({
      name: '测试服务',
      start: async () => {
        calls++;
        if (calls === 1) return shortLived(20);
        if (calls <= 3) throw new Error('端口被占用');
        return shortLived(60_000);
      },
      retry: { baseMs: 50, maxMs: 1_000 },
      log: (m) => messages.push(m),
    });
    await supervisor.start();
    while (calls < 4) await sleep(20);
    await sleep(50);
    expect(supervisor.current).toBeDefined();
    expect(supervisor.restarts).toBe(1);
    expect(messages.filter((m) => m.includes('重启失败：端口被占用'))).toHaveLength(2);
    await supervisor.stop();
    expect(supervisor.current!.child.exitCode !== null || supervisor.current!.child.signalCode !== null).toBe(true);
  });
});
