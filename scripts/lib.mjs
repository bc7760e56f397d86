// Small helpers shared by the runnable scripts: child processes, waiting for a server, timing.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs a command to completion, inheriting output; rejects with a Chinese message on failure. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`命令失败（退出码 ${code}）：${command} ${args.join(' ')}`)),
    );
  });
}

/** Starts a long-running process; it is stopped when this process exits. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const stop = () => child.exitCode === null && child.kill('SIGTERM');
  process.on('exit', stop);
  return child;
}

/** Waits until `url` answers as `ready` wants (by default: any status below 500), or fails after `timeoutMs`. */
export async function waitFor(url, { timeoutMs = 180_000, child, ready = (status) => status < 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`进程已退出（退出码 ${child.exitCode}），${url} 未能启动`);
    try {
      const response = await fetch(url);
      if (ready(response.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`等待 ${url} 超时（${timeoutMs / 1000} 秒）`);
}

export function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}
