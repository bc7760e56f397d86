import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cmsDir } from './cms.ts';

/*
 * The CMS with its admin panel, for browser tests: `strapi build` when the admin bundle's inputs
 * changed, then `strapi start` as a child process on a free port of 127.0.0.1 with a temporary
 * SQLite database and fresh secrets. (tests/helpers/cms.ts boots Strapi in-process without the
 * admin panel; this one runs it the way `npm start` does.)
 */

const root = path.resolve(cmsDir, '..');
const strapiBin = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const buildDir = path.join(cmsDir, 'dist', 'build');
const stampFile = path.join(buildDir, '.admin-inputs.sha256');

/** Everything the admin bundle is built from (besides node_modules, pinned by the lockfile). */
const adminInputs = [
  path.join(cmsDir, 'src', 'admin'),
  path.join(cmsDir, 'src', 'plugins'),
  path.join(cmsDir, 'config', 'plugins.ts'),
  path.join(cmsDir, 'config', 'admin.ts'),
  path.join(cmsDir, 'package.json'),
  path.join(root, 'package-lock.json'),
  path.join(root, 'shared', 'dist'),
];

function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  };
  for (const input of adminInputs) {
    if (!existsSync(input)) continue;
    if (statSync(input).isFile()) {
      add(input);
      continue;
    }
    const files = readdirSync(input, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files) add(file);
  }
  return hash.digest('hex');
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} 失败（${code}）：\n${output.slice(-4000)}`))));
  });
}

/** Runs `strapi build` unless the built admin matches its inputs. Returns whether it built. */
export async function ensureAdminBuild(): Promise<boolean> {
  const want = inputsHash();
  const index = path.join(buildDir, 'index.html');
  if (existsSync(index) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === want) return false;
  await run(process.execPath, [strapiBin, 'build'], {
    cwd: cmsDir,
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  writeFileSync(stampFile, `${want}\n`);
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const secret = () => randomBytes(16).toString('base64');

export type RunningAdminCms = { url: string; stop: () => Promise<void>; output: () => string };

/** `strapi start` (compiled server in cms/dist, built admin) on a fresh SQLite database. */
export async function startCmsWithAdmin({ admin, demo = false }: { admin: { email: string; password: string }; demo?: boolean }): Promise<RunningAdminCms> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-cms-admin-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: cmsDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dataDir, 'cms.db'),
      APP_KEYS: [secret(), secret()].join(','),
      API_TOKEN_SALT: secret(),
      ADMIN_JWT_SECRET: secret(),
      TRANSFER_TOKEN_SALT: secret(),
      JWT_SECRET: secret(),
      ENCRYPTION_KEY: secret(),
      DEMO_CONTENT: demo ? 'true' : 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_STARTUP_LOG: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`内容管理系统启动失败（${child.exitCode}）：\n${output.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/_health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`内容管理系统 60 秒内未就绪：\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop, output: () => output };
}
