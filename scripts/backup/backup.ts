// `npm run backup [-- --out FILE] [--with-secrets]`: the whole installation in one archive (mode 0600).
import {
  chmodSync,
  createWriteStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import {
  cmsDir,
  cmsEnvironment,
  databaseConfig,
  describeDatabase,
  packageVersion as version,
  pgSnapshot,
  rootDir,
  sqliteSnapshot,
} from './database.ts';
import { CHECKSUMS, FORMAT, FORMAT_VERSION, MANIFEST, fingerprints, summarize, type Manifest } from './manifest.ts';
import { BackupError, bufferEntry, endOfArchive, fileEntry, type WrittenEntry } from './tar.ts';

export type BackupOptions = {
  out?: string;
  withSecrets?: boolean;
  /** The CMS's .env (database settings and secrets); cms/.env by default. */
  envFile?: string;
  /** The CMS's media folder; cms/public/uploads by default. */
  uploadsDir?: string;
  /** The publisher's folder; PUBLISHER_DIR or var/portal by default. */
  publisherDir?: string;
};

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Regular files under `dir`, relative, sorted; symlinks and other special files are skipped with a note. */
function listFiles(dir: string, skipped: string[], exclude: (relative: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (exclude(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
      else skipped.push(path.join(dir, child));
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

export async function backup(options: BackupOptions = {}): Promise<{ file: string; manifest: Manifest; skipped: string[] }> {
  const envFile = path.resolve(options.envFile ?? path.join(cmsDir, '.env'));
  const env = cmsEnvironment(envFile);
  const config = databaseConfig(env);
  const uploadsDir = path.resolve(options.uploadsDir ?? path.join(cmsDir, 'public', 'uploads'));
  const publisherDir = path.resolve(options.publisherDir ?? env.PUBLISHER_DIR ?? path.join(rootDir, 'var', 'portal'));
  const out = path.resolve(options.out ?? path.join(rootDir, 'var', 'backups', `portal-backup-${stamp()}.tar.gz`));
  if (options.withSecrets && !existsSync(envFile)) throw new BackupError(`指定了 --with-secrets，但找不到密钥文件 ${envFile}`);

  const staging = mkdtempSync(path.join(tmpdir(), 'portal-backup-'));
  const partial = `${out}.${process.pid}.partial`;
  try {
    // The database first: every file its rows name was written before them, so it is in the folder below.
    const dbEntry = config.client === 'sqlite' ? 'database/portal.sqlite' : 'database/portal.pgdump';
    const dbFile = path.join(staging, path.basename(dbEntry));
    const snapshot = config.client === 'sqlite' ? await sqliteSnapshot(config, dbFile) : await pgSnapshot(config, dbFile);

    const skipped: string[] = [];
    const uploads = listFiles(uploadsDir, skipped);
    let publisher: Manifest['publisher'] = null;
    let publisherFiles: Array<[string, string]> = [];
    if (existsSync(publisherDir)) {
      let current: string | null = null;
      try {
        current = path.basename(readlinkSync(path.join(publisherDir, 'current')));
      } catch {
        current = null;
      }
      if (current && !existsSync(path.join(publisherDir, 'releases', current))) current = null;
      // The served release and the publisher's own state files; older releases, logs and the build cache are rebuilt.
      const state = readdirSync(publisherDir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort();
      publisherFiles = state.map((name) => [`publisher/state/${name}`, path.join(publisherDir, name)]);
      if (current) {
        const releaseDir = path.join(publisherDir, 'releases', current);
        publisherFiles.push(
          ...listFiles(releaseDir, skipped).map((f): [string, string] => [`publisher/releases/${current}/${f}`, path.join(releaseDir, f)]),
        );
      }
      publisher = { current, files: publisherFiles.length, bytes: publisherFiles.reduce((sum, [, file]) => sum + statSync(file).size, 0) };
    }

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      versions: {
        cms: version('@portal/cms'),
        strapi: version('@strapi/strapi'),
        node: process.versions.node,
        database: `${config.client} ${snapshot.version}`,
      },
      database: { client: config.client, entry: dbEntry, bytes: statSync(dbFile).size, counts: snapshot.counts },
      summary: summarize(snapshot.counts),
      uploads: { files: uploads.length, bytes: uploads.reduce((sum, f) => sum + statSync(path.join(uploadsDir, f)).size, 0) },
      publisher,
      secrets: { included: Boolean(options.withSecrets), fingerprints: fingerprints(env) },
    };

    const written: WrittenEntry[] = [];
    async function* archive(): AsyncGenerator<Buffer> {
      yield* bufferEntry(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), written);
      yield* fileEntry(dbEntry, dbFile, written, 0o600);
      for (const file of uploads) yield* fileEntry(`uploads/${file}`, path.join(uploadsDir, file), written);
      if (publisher?.current) yield* bufferEntry('publisher/current', Buffer.from(`${publisher.current}\n`), written);
      for (const [name, file] of publisherFiles) yield* fileEntry(name, file, written);
      if (options.withSecrets) yield* bufferEntry('secrets/cms.env', readFileSync(envFile), written);
      const checksums = Object.fromEntries(written.map((e) => [e.name, { size: e.size, sha256: e.sha256 }]));
      yield* bufferEntry(CHECKSUMS, Buffer.from(`${JSON.stringify(checksums, null, 2)}\n`), []);
      yield* endOfArchive();
    }

    mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
    if (existsSync(out) && !lstatSync(out).isFile()) throw new BackupError(`输出位置 ${out} 已存在且不是普通文件`);
    await pipeline(Readable.from(archive()), createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
    chmodSync(partial, 0o600);
    renameSync(partial, out);
    return { file: out, manifest, skipped };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const usage = `用法：npm run backup -- [--out 文件] [--with-secrets] [--cms-env cms/.env] [--uploads 目录] [--publisher-dir 目录]`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        'with-secrets': { type: 'boolean', default: false },
        'cms-env': { type: 'string' },
        uploads: { type: 'string' },
        'publisher-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BackupError(`参数有误：${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const started = Date.now();
  const config = databaseConfig(cmsEnvironment(path.resolve(values['cms-env'] ?? path.join(cmsDir, '.env'))));
  console.log(`› 正在备份 ${describeDatabase(config)} …`);
  const { file, manifest, skipped } = await backup({
    out: values.out,
    withSecrets: values['with-secrets'],
    envFile: values['cms-env'],
    uploadsDir: values.uploads,
    publisherDir: values['publisher-dir'],
  });
  for (const item of skipped) console.warn(`  ! 跳过了不是普通文件的 ${item}（符号链接或特殊文件不进入备份）`);
  console.log(
    `✔ 备份完成：${file}（${(statSync(file).size / 1024 / 1024).toFixed(1)} MB，权限 0600，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  for (const [label, n] of Object.entries(manifest.summary)) console.log(`  ${label}：${n}`);
  console.log(`  媒体文件：${manifest.uploads.files} 个`);
  console.log(`  发布服务：${manifest.publisher?.current ? `当前版本 ${manifest.publisher.current}` : '无已发布版本'}`);
  console.log(
    manifest.secrets.included
      ? '  密钥（cms/.env）已包含在备份中：请像保管密钥一样保管这个文件。'
      : '  密钥（cms/.env）未包含：请另行妥善保管，丢失后 API 令牌全部失效、所有人需重新登录（见 README“备份与恢复”）。',
  );
}

if (import.meta.main) {
  main().catch((error: Error) => {
    console.error(`✖ 备份失败：${error instanceof BackupError ? error.message : (error.stack ?? error.message)}`);
    process.exit(1);
  });
}
