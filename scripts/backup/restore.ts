// `npm run restore -- ARCHIVE [--force]`: an empty installation rebuilt from one `npm run backup` archive.
import {
  chmodSync,
  cpSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import {
  checkSqliteIntegrity,
  cmsDir,
  cmsEnvironment,
  compareCounts,
  databaseConfig,
  describeDatabase,
  openSqlite,
  packageVersion,
  pgCurrentCounts,
  pgHasData,
  pgRestore,
  rootDir,
  sqliteCounts,
  sqliteHasData,
  type Counts,
  type DatabaseConfig,
} from './database.ts';
import { CHECKSUMS, MANIFEST, checkManifest, fingerprints, secretNames, type Manifest } from './manifest.ts';
import { BackupError, extractTar, type ReadEntry } from './tar.ts';

export type RestoreOptions = {
  force?: boolean;
  envFile?: string;
  uploadsDir?: string;
  publisherDir?: string;
};

export type RestoreResult = { manifest: Manifest; counts: Counts; warnings: string[]; setAside: string | null };

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const releaseId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Moves a file or folder, across file systems if need be. */
function move(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    rmSync(from, { recursive: true, force: true });
  }
}

const meaningful = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name !== '.gitkeep') : []);

const consequences: Record<(typeof secretNames)[number], string> = {
  APP_KEYS: '会话 Cookie 失效',
  ADMIN_JWT_SECRET: '所有管理员需重新登录',
  API_TOKEN_SALT: '所有 API 令牌（含门户预览令牌）失效，需在后台重新创建',
  TRANSFER_TOKEN_SALT: '数据传输令牌失效',
  JWT_SECRET: '前台用户的登录凭据失效',
  ENCRYPTION_KEY: '后台不能再显示已有 API 令牌的明文，令牌本身仍可用',
};

export async function restore(archive: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const file = path.resolve(archive);
  if (!existsSync(file) || !lstatSync(file).isFile())
    throw new BackupError(`找不到备份文件 ${file}（应为 npm run backup 写出的 .tar.gz 文件）`);
  const envFile = path.resolve(options.envFile ?? path.join(cmsDir, '.env'));
  const config: DatabaseConfig = databaseConfig(cmsEnvironment(envFile));
  const uploadsDir = path.resolve(options.uploadsDir ?? path.join(cmsDir, 'public', 'uploads'));
  const publisherDir = path.resolve(options.publisherDir ?? cmsEnvironment(envFile).PUBLISHER_DIR ?? path.join(rootDir, 'var', 'portal'));
  const warnings: string[] = [];

  // Refuse before reading the archive: a restore replaces, it never merges.
  const occupied = config.client === 'sqlite' ? sqliteHasData(config.filename) : await pgHasData(config);
  const busy: string[] = [];
  if (occupied.length) busy.push(`${describeDatabase(config)} 已有数据（${occupied.join('、')}）`);
  if (meaningful(uploadsDir).length) busy.push(`媒体目录 ${uploadsDir} 不是空的`);
  if (existsSync(path.join(publisherDir, 'releases')) && meaningful(path.join(publisherDir, 'releases')).length)
    busy.push(`发布目录 ${publisherDir} 已有门户版本`);
  if (busy.length && !options.force)
    throw new BackupError(
      `目标安装不是空的：${busy.join('；')}。恢复会整体替换它们；确认要覆盖请加 --force（原有数据会移到 var/before-restore-<时间>/ 保留）。`,
    );

  const staging = mkdtempSync(path.join(tmpdir(), 'portal-restore-'));
  try {
    let manifest: Manifest | null = null;
    let sawChecksums = false;
    const extracted = path.join(staging, 'archive');
    mkdirSync(extracted, { mode: 0o700 });
    // What the manifest declares, plus room for the small entries: an archive that unpacks to more is refused.
    let budget = 0;
    let unpacked = 0;
    const accept = (name: string, type: 'file' | 'dir', size: number) => {
      if (!manifest) {
        if (name !== MANIFEST || type !== 'file')
          throw new BackupError(`备份文件的第一个条目应为 ${MANIFEST}，实际为“${name}”：这不是本程序写出的备份`);
        if (size > 16 * 1024 * 1024) throw new BackupError(`${MANIFEST} 过大，备份文件已损坏`);
        return;
      }
      unpacked += size;
      if (unpacked > budget) throw new BackupError(`备份文件解压后超过了清单声明的大小（${budget} 字节），已损坏或被篡改，拒绝恢复`);
      if (sawChecksums) throw new BackupError(`备份文件在 ${CHECKSUMS} 之后还有条目“${name}”，已损坏或被篡改`);
      if (name === CHECKSUMS && type === 'file') {
        sawChecksums = true;
        return;
      }
      const ok =
        (type === 'file' && name === manifest.database.entry) ||
        (type === 'file' && name === 'secrets/cms.env') ||
        (type === 'file' && name === 'publisher/current') ||
        /^publisher\/state\/[^/]+$/.test(name) ||
        /^publisher\/releases\/[^/]+(\/.+)?$/.test(name) ||
        /^uploads(\/.+)?$/.test(name) ||
        (type === 'dir' && ['database', 'publisher', 'publisher/state', 'publisher/releases', 'secrets'].includes(name));
      if (!ok) throw new BackupError(`备份文件包含意料之外的条目“${name}”，不是本程序写出的备份，拒绝恢复`);
    };
    let entries: ReadEntry[];
    try {
      const source = pipeline(createReadStream(file), createGunzip(), () => {});
      entries = await extractTar(source, extracted, {
        // The database (password hashes) and the secrets for the CMS's user only; media and pages as they were, never writable by others.
        modeFor: (name, mode) =>
          name.startsWith('database/') || name.startsWith('secrets/') || name === MANIFEST || name === CHECKSUMS ? 0o600 : mode & 0o755,
        accept: (name, type, size) => {
          if (name === MANIFEST && manifest) throw new BackupError(`${MANIFEST} 出现了两次`);
          accept(name, type, size);
        },
        onFirst: (_name, content) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(content.toString('utf8'));
          } catch {
            throw new BackupError(`${MANIFEST} 不是有效的 JSON，备份文件已损坏`);
          }
          const m = checkManifest(parsed);
          budget = m.database.bytes + m.uploads.bytes + (m.publisher?.bytes ?? 0) + 64 * 1024 * 1024;
          const { bavail, bsize } = statfsSync(staging);
          if (bavail * bsize < budget)
            throw new BackupError(
              `临时目录 ${tmpdir()} 的剩余空间（${bavail * bsize} 字节）不够解压这份备份（约 ${budget} 字节）：请设置 TMPDIR 指向更大的磁盘`,
            );
          manifest = m;
        },
      });
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/i.test((error as Error).message))
        throw new BackupError(`备份文件已损坏或被截断，无法解压（${(error as Error).message}）：请换一份完整的备份`);
      throw error;
    }
    if (!manifest) throw new BackupError('备份文件是空的');
    const m: Manifest = manifest;
    if (!sawChecksums) throw new BackupError(`备份文件缺少 ${CHECKSUMS}，不完整`);

    // Every file exactly as written.
    let checksums: Record<string, { size: number; sha256: string }>;
    try {
      checksums = JSON.parse(readFileSync(path.join(extracted, CHECKSUMS), 'utf8')) as typeof checksums;
    } catch {
      throw new BackupError(`${CHECKSUMS} 不是有效的 JSON，备份文件已损坏`);
    }
    const seen = new Map(entries.map((e) => [e.name, e]));
    for (const [name, want] of Object.entries(checksums)) {
      const got = seen.get(name);
      if (!got) throw new BackupError(`备份文件缺少 ${name}，不完整`);
      if (got.size !== want.size || got.sha256 !== want.sha256) throw new BackupError(`备份中的 ${name} 校验和不符：文件已损坏或被篡改`);
    }
    for (const e of entries)
      if (e.name !== CHECKSUMS && checksums[e.name] === undefined) throw new BackupError(`备份文件中的 ${e.name} 不在校验清单中，拒绝恢复`);
    if (!seen.has(m.database.entry)) throw new BackupError('备份文件中没有数据库');

    if (m.database.client !== config.client)
      throw new BackupError(
        `备份来自 ${m.database.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}，而当前配置的是 ${config.client === 'sqlite' ? 'SQLite' : 'PostgreSQL'}（DATABASE_CLIENT）：请按备份时的数据库类型配置后再恢复`,
      );
    const strapiNow = packageVersion('@strapi/strapi');
    if (m.versions.strapi.split('.')[0] !== strapiNow.split('.')[0])
      throw new BackupError(
        `备份来自 Strapi ${m.versions.strapi}，当前安装的是 Strapi ${strapiNow}：主版本不同，不能直接恢复，请先用与备份相同的版本恢复后再升级`,
      );
    if (m.versions.strapi !== strapiNow)
      warnings.push(`备份来自 Strapi ${m.versions.strapi}，当前为 ${strapiNow}：启动时 Strapi 会自行迁移数据库`);

    const dbStaged = path.join(extracted, m.database.entry);
    if (config.client === 'sqlite') {
      const db = openSqlite(dbStaged, false);
      try {
        checkSqliteIntegrity(db, '（备份中）');
        const problems = compareCounts(m.database.counts, sqliteCounts(db));
        if (problems.length) throw new BackupError(`备份中的数据库与清单不符：${problems.join('；')}`);
      } finally {
        db.close();
      }
    }

    const currentRelease = existsSync(path.join(extracted, 'publisher', 'current'))
      ? readFileSync(path.join(extracted, 'publisher', 'current'), 'utf8').trim()
      : null;
    if (
      currentRelease !== null &&
      (!releaseId.test(currentRelease) || !existsSync(path.join(extracted, 'publisher', 'releases', currentRelease)))
    )
      throw new BackupError('备份中的发布服务当前版本指针无效，拒绝恢复');
    const secretsStaged = path.join(extracted, 'secrets', 'cms.env');
    const restoreSecrets =
      existsSync(secretsStaged) && (!existsSync(envFile) || !readFileSync(envFile).equals(readFileSync(secretsStaged)));
    if (restoreSecrets && existsSync(envFile) && !options.force)
      throw new BackupError(
        `备份中带有密钥，而 ${envFile} 已存在且内容不同：确认要用备份中的密钥替换它，请加 --force（原文件会移到 var/before-restore-<时间>/ 保留）`,
      );

    // Everything checked: build each target beside its final place, then swap them in.
    const pid = process.pid;
    const prepared: Array<{ target: string; ready: string; label: string }> = [];
    try {
      if (config.client === 'sqlite') {
        const ready = `${config.filename}.restoring-${pid}`;
        prepared.push({ target: config.filename, ready, label: 'database' });
        move(dbStaged, ready);
      }
      {
        const staged = path.join(extracted, 'uploads');
        if (!existsSync(staged)) mkdirSync(staged);
        const ready = `${uploadsDir}.restoring-${pid}`;
        openFolders(staged);
        prepared.push({ target: uploadsDir, ready, label: 'uploads' });
        move(staged, ready);
      }
      if (existsSync(path.join(extracted, 'publisher'))) {
        const ready = `${publisherDir}.restoring-${pid}`;
        prepared.push({ target: publisherDir, ready, label: 'publisher' });
        mkdirSync(path.join(ready, 'releases'), { recursive: true, mode: 0o755 });
        const state = path.join(extracted, 'publisher', 'state');
        for (const name of existsSync(state) ? readdirSync(state) : []) move(path.join(state, name), path.join(ready, name));
        if (currentRelease) {
          move(path.join(extracted, 'publisher', 'releases', currentRelease), path.join(ready, 'releases', currentRelease));
          symlinkSync(path.join('releases', currentRelease), path.join(ready, 'current'));
        }
        openFolders(ready);
      }
      if (restoreSecrets) {
        const ready = `${envFile}.restoring-${pid}`;
        prepared.push({ target: envFile, ready, label: 'cms.env' });
        writeFileSync(ready, readFileSync(secretsStaged), { mode: 0o600, flag: 'wx' });
      }

      // PostgreSQL last before the swap: one transaction, so a failure leaves the database as it was and no file moved.
      if (config.client === 'postgres') await pgRestore(config, dbStaged);
    } catch (error) {
      for (const p of prepared) rmSync(p.ready, { recursive: true, force: true });
      throw error;
    }
    let setAside: string | null = null;
    for (const p of prepared) {
      const old = [p.target, ...(p.label === 'database' ? ['-wal', '-shm', '-journal'].map((s) => `${p.target}${s}`) : [])].filter(
        (f) => existsSync(f) || isLink(f),
      );
      for (const f of old) {
        if (p.label === 'uploads' && !meaningful(f).length) {
          rmSync(f, { recursive: true, force: true });
          continue;
        }
        setAside ??= path.join(rootDir, 'var', `before-restore-${stamp()}`);
        move(f, path.join(setAside, p.label === 'database' ? path.basename(f) : p.label));
      }
      mkdirSync(path.dirname(p.target), { recursive: true });
      renameSync(p.ready, p.target);
    }

    const after = setAside ? `原有数据在 ${setAside}` : '恢复前目标是空的';
    const counts = config.client === 'sqlite' ? sqliteCountsOf(config.filename) : await pgCurrentCounts(config);
    const problems = compareCounts(m.database.counts, counts);
    if (problems.length) throw new RestoredButWrong(`恢复后的数据库与备份清单不符：${problems.join('；')}（数据已替换，${after}）`);
    const uploadsNow = countFiles(uploadsDir);
    if (uploadsNow !== m.uploads.files)
      throw new RestoredButWrong(`恢复后媒体目录有 ${uploadsNow} 个文件，备份清单为 ${m.uploads.files} 个（数据已替换，${after}）`);

    const now = fingerprints(cmsEnvironment(envFile));
    for (const name of secretNames) {
      const was = m.secrets.fingerprints[name];
      if (was && now[name] !== was) warnings.push(`${name} 与备份时不同或未设置：${consequences[name]}`);
    }
    return { manifest: m, counts, warnings, setAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A check after the swap failed: the target was changed, so the message says where the old data is. */
export class RestoredButWrong extends BackupError {}

/** Folders of media and pages as a web server needs them (0755), whatever the umask made them. */
function openFolders(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isDirectory()) chmodSync(path.join(entry.parentPath, entry.name), 0o755);
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function sqliteCountsOf(file: string): Counts {
  const db = openSqlite(file);
  try {
    return sqliteCounts(db);
  } finally {
    db.close();
  }
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}

const usage = '用法：npm run restore -- 备份文件.tar.gz [--force] [--cms-env cms/.env] [--uploads 目录] [--publisher-dir 目录]';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        force: { type: 'boolean', default: false },
        'cms-env': { type: 'string' },
        uploads: { type: 'string' },
        'publisher-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new BackupError(`参数有误：${(error as Error).message}\n${usage}`);
  }
  if (parsed.values.help) {
    console.log(usage);
    return;
  }
  if (parsed.positionals.length !== 1) throw new BackupError(`请给出一个备份文件。\n${usage}`);
  const started = Date.now();
  const options = {
    force: parsed.values.force,
    envFile: parsed.values['cms-env'],
    uploadsDir: parsed.values.uploads,
    publisherDir: parsed.values['publisher-dir'],
  };
  const config = databaseConfig(cmsEnvironment(path.resolve(options.envFile ?? path.join(cmsDir, '.env'))));
  console.log(`› 正在把 ${parsed.positionals[0]} 恢复到 ${describeDatabase(config)} …`);
  const { manifest, warnings, setAside } = await restore(parsed.positionals[0]!, options);
  console.log(
    `✔ 恢复完成（备份时间 ${manifest.createdAt}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒），各表行数与备份清单一致：`,
  );
  for (const [label, n] of Object.entries(manifest.summary)) console.log(`  ${label}：${n}`);
  console.log(`  媒体文件：${manifest.uploads.files} 个`);
  if (manifest.publisher?.current) console.log(`  发布服务当前版本：${manifest.publisher.current}`);
  if (setAside) console.log(`  原有数据已移到 ${setAside}`);
  for (const warning of warnings) console.warn(`  ! ${warning}`);
  console.log('  现在可以启动内容管理系统（npm start 或生产环境的服务）。');
}

if (import.meta.main) {
  main().catch((error: Error) => {
    console.error(`✖ 恢复失败：${error instanceof BackupError ? error.message : (error.stack ?? error.message)}`);
    if (!(error instanceof RestoredButWrong)) console.error('  目标安装未被改动。');
    process.exit(1);
  });
}
