import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort } from './net.ts';

/*
 * A private PostgreSQL cluster for one test suite or benchmark: initdb into a temporary folder, the server on a free
 * port of 127.0.0.1, removed afterwards. Uses Debian's PostgreSQL binaries (`apt-get install
 * postgresql`; .ci/run installs them). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user the package creates.
 */

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('找不到 PostgreSQL：请安装 Debian 的 postgresql 软件包（.ci/run 会自动安装）');
  return path.join(root, newest, 'bin');
}

export type RunningPostgres = { env: Record<string, string>; stop: () => Promise<void> };

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = binDir();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-pg-'));
  if (asRoot) {
    const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(postgres.stdout.trim()), Number(gid.stdout.trim()));
    chmodSync(dir, 0o700);
  }
  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]] : [path.join(bin, name), args];
  const run = (name: string, args: string[]) => {
    const [cmd, argv] = command(name, args);
    const result = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name} 失败：${result.stderr || result.stdout}`);
  };

  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'portal', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const [cmd, argv] = command('postgres', ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir]);
  const server: ChildProcess = spawn(cmd, argv, { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [c, a] = command('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]);
    if (spawnSync(c, a).status === 0) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('PostgreSQL 未能启动');
    await new Promise((r) => setTimeout(r, 200));
  }
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'portal', 'portal_test']);

  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: String(port),
      DATABASE_NAME: 'portal_test',
      DATABASE_USERNAME: 'portal',
      DATABASE_PASSWORD: '',
    },
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (server.exitCode !== null) return done();
        server.on('exit', done);
        // Through pg_ctl: as root the server runs under runuser, which does not pass signals on.
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      }),
  };
}
