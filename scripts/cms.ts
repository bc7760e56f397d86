import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { freePort } from './net.ts';

export { freePort };

/*
 * The CMS through its public commands, as npm start, the benchmarks and the browser tests run it:
 * `strapi build` when its inputs changed, then `strapi start` as a child process on 127.0.0.1.
 */

export const rootDir = path.resolve(import.meta.dirname, '..');
export const cmsDir = path.join(rootDir, 'cms');
const strapiBin = path.join(rootDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const buildDir = path.join(cmsDir, 'dist', 'build');
const stampFile = path.join(buildDir, '.inputs.sha256');

/**
 * The CMS and the command-line tools import the domain from shared/'s build (shared/dist): build it
 * when it is missing or older than a source file, as on a fresh clone. Exits with a Chinese message
 * when it does not compile.
 */
export function ensureSharedBuild(): void {
  const dist = path.join(rootDir, 'shared', 'dist', 'index.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
    }, 0);
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest(path.join(rootDir, 'shared', 'src'))) return;
  const tsc = spawnSync(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'shared'], {
    cwd: rootDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (tsc.status !== 0) {
    console.error('shared/ 编译失败，无法继续');
    process.exit(2);
  }
}

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newestFile(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs),
  );
}

type StrapiModule = {
  compileStrapi: (o: { appDir: string }) => Promise<unknown>;
  createStrapi: (o: Record<string, unknown>) => { load: () => Promise<{ destroy: () => Promise<void> }> };
};

/**
 * The CMS loaded inside this process on its own database (cms/.env or DATABASE_*), no port and no
 * admin panel, for the command-line tools that write through it (import:catalog, import:reports
 * --save): shared/ and the CMS's TypeScript are compiled first when older than their sources.
 * Returns the instance and the compiled module `entry` (a path under cms/dist/src, e.g. 'import/catalog.js').
 */
export async function loadCmsInProcess<M>(entry: string): Promise<{ strapi: { destroy: () => Promise<void> }; module: M }> {
  ensureSharedBuild();
  // The CMS's secrets and database come from the environment or cms/.env (written by the first npm
  // start); `strapi start` reads that file itself, a Strapi loaded in-process does not.
  const envFile = path.join(cmsDir, '.env');
  if (existsSync(envFile)) {
    for (const [key, value] of Object.entries(parseEnv(readFileSync(envFile, 'utf8')))) process.env[key] ??= value;
  }
  if (!process.env.APP_KEYS) {
    console.error(
      '未找到内容管理系统的配置：cms/.env 不存在或缺少 APP_KEYS，环境变量中也没有。请先运行一次 npm start（会创建 cms/.env 和数据库），或按 docs/deploy.md 设置 CMS 的环境变量后再导入。',
    );
    process.exit(2);
  }
  const require = createRequire(import.meta.url);
  const strapiModule = require(path.join(rootDir, 'node_modules/@strapi/strapi')) as StrapiModule;
  const distDir = path.join(cmsDir, 'dist');
  const compiled = path.join(distDir, 'src', entry);
  const builtAt = existsSync(compiled) ? statSync(compiled).mtimeMs : 0;
  if (!builtAt || newestFile(path.join(cmsDir, 'src')) > builtAt || newestFile(path.join(rootDir, 'shared', 'dist')) > builtAt) {
    console.error('› 编译内容管理系统…');
    await strapiModule.compileStrapi({ appDir: cmsDir });
  }
  // The tools write into an existing CMS: an empty database stays empty of demo content.
  process.env.DEMO_CONTENT ??= 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.NODE_ENV ??= 'production';
  const strapi = await strapiModule.createStrapi({ appDir: cmsDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  return { strapi, module: require(compiled) as M };
}

/** Everything `strapi build` reads (besides node_modules, pinned by the lockfile). */
const buildInputs = [
  path.join(cmsDir, 'src'),
  path.join(cmsDir, 'config'),
  path.join(cmsDir, 'package.json'),
  path.join(cmsDir, 'tsconfig.json'),
  path.join(rootDir, 'package-lock.json'),
  path.join(rootDir, 'shared', 'dist'),
];

/** The hash of what compiling the CMS reads: cms/dist is current while it is unchanged (here and in scripts/codegen.ts). */
export function cmsInputsHash(): string {
  const hash = createHash('sha256');
  for (const input of buildInputs) {
    if (!existsSync(input)) continue;
    const files = statSync(input).isFile()
      ? [input]
      : readdirSync(input, { withFileTypes: true, recursive: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name))
          .sort();
    for (const file of files) {
      hash.update(path.relative(rootDir, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [strapiBin, ...args], { cwd: cmsDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`strapi ${args.join(' ')} 失败（${code}）：\n${output.slice(-4000)}`)),
    );
  });
}

/** `strapi build` (server and admin) unless the last build matches its inputs. Returns whether it built. */
export async function ensureCmsBuild(): Promise<boolean> {
  const want = cmsInputsHash();
  if (existsSync(path.join(buildDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === want)
    return false;
  await run(['build'], { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' });
  writeFileSync(stampFile, `${want}\n`);
  return true;
}

const secret = () => randomBytes(16).toString('base64');

/** Fresh secrets for a CMS that lives as long as its database (tests, benchmarks). */
export function temporarySecrets(): Record<string, string> {
  return {
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
}

export type CmsProcess = { url: string; child: ChildProcess; stop: () => Promise<void>; output: () => string };

export type CmsProcessOptions = {
  port?: number;
  /** Extra environment: database, secrets, ADMIN_*, DEMO_CONTENT, PUBLISHER_*. */
  env?: NodeJS.ProcessEnv;
  /** Forward the CMS's output to this process's (npm start) instead of keeping it. */
  inheritOutput?: boolean;
  /** Without env DATABASE_*: a SQLite file in a temporary folder, removed on stop. */
  temporaryDatabase?: boolean;
};

/** `strapi start` on 127.0.0.1, resolved once it answers /_health. */
export async function startCmsProcess(options: CmsProcessOptions = {}): Promise<CmsProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = options.temporaryDatabase ? mkdtempSync(path.join(tmpdir(), 'portal-cms-')) : undefined;
  let output = '';
  const child = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: cmsDir,
    stdio: options.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      STRAPI_TELEMETRY_DISABLED: 'true',
      ...(dataDir ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dataDir, 'cms.db') } : {}),
      ...options.env,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stopChild = childStopper(child);

  const stop = async () => {
    await stopChild();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`内容管理系统启动失败（退出码 ${child.exitCode}）：\n${output.slice(-4000)}`);
    }
    try {
      if ((await fetch(`${url}/_health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`内容管理系统 120 秒内未就绪：\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stop, output: () => output };
}

/**
 * A stop function for a child process: SIGTERM, then SIGKILL after 10 s, resolved once it has
 * exited. Made when the child is spawned, so an exit that happens before the stop is not missed.
 */
export function childStopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}
