import { createHash } from 'node:crypto';
import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

/*
 * The archive is a plain gzip'd POSIX tar (ustar, with PAX headers for long or non-ASCII names),
 * so an operator can inspect it with `tar -tzf`. Written and read here rather than through a
 * library so that reading can refuse, before anything lands on disk, every entry that is not a
 * regular file or folder with a relative name inside the staging folder.
 */

const BLOCK = 512;
const zeroBlock = Buffer.alloc(BLOCK);

export class BackupError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, type: '0' | '5' | 'x', mode: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(Date.now() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

const padding = (size: number) => (size % BLOCK === 0 ? Buffer.alloc(0) : Buffer.alloc(BLOCK - (size % BLOCK)));

/** Header blocks of one entry (a PAX header first when the name does not fit ustar's 100 ASCII bytes). */
export function entryHeader(name: string, size: number, type: '0' | '5', mode = type === '5' ? 0o700 : 0o600): Buffer {
  const ascii = /^[\x20-\x7e]*$/.test(name);
  const maxOctal = 0o77777777777;
  if (ascii && name.length <= 100 && size <= maxOctal) return header(name, size, type, mode);
  const records = Buffer.from(paxRecord('path', name) + (size > maxOctal ? paxRecord('size', String(size)) : ''), 'utf8');
  return Buffer.concat([
    header('PaxHeader', records.length, 'x', 0o600),
    records,
    padding(records.length),
    header(name.slice(0, 100).replace(/[^\x20-\x7e]/g, '_'), size > maxOctal ? 0 : size, type, mode),
  ]);
}

export type WrittenEntry = { name: string; size: number; sha256: string };

/** The blocks of one in-memory file. */
export function* bufferEntry(name: string, data: Buffer, written: WrittenEntry[]): Generator<Buffer> {
  yield entryHeader(name, data.length, '0');
  yield data;
  yield padding(data.length);
  written.push({ name, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
}

/**
 * The blocks of one file on disk, read in chunks; the size is the one seen when opening it. The
 * mode is the file's own (media and pages stay readable by a web server) unless one is given.
 */
export async function* fileEntry(name: string, file: string, written: WrittenEntry[], mode?: number): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    const size = stat.size;
    yield entryHeader(name, size, '0', mode ?? stat.mode & 0o777);
    const hash = createHash('sha256');
    let done = 0;
    while (done < size) {
      const chunk = Buffer.alloc(Math.min(1 << 20, size - done));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, done);
      if (bytesRead === 0) throw new BackupError(`文件 ${name} 在备份过程中变短了，请在写入停止时重试`);
      const part = chunk.subarray(0, bytesRead);
      hash.update(part);
      done += bytesRead;
      yield part;
    }
    yield padding(size);
    written.push({ name, size, sha256: hash.digest('hex') });
  } finally {
    await handle.close();
  }
}

export function* endOfArchive(): Generator<Buffer> {
  yield zeroBlock;
  yield zeroBlock;
}

/** A name the archive may hold: relative, forward slashes, no `.`/`..` segments, no control characters. */
export function checkEntryName(name: string): string | null {
  if (name === '' || name.length > 4096) return '名称为空或过长';
  if (name.startsWith('/')) return '使用了绝对路径';
  if (/^[A-Za-z]:/.test(name) || name.includes('\\')) return '包含反斜杠或盘符';
  if (/[\x00-\x1f\x7f]/.test(name)) return '包含控制字符';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return '包含“..”（路径穿越）';
  if (segments.some((s) => s === '' || s === '.')) return '包含空的或“.”路径段';
  return null;
}

export type ReadEntry = { name: string; size: number; sha256: string };

export type ExtractOptions = {
  /** Called with each entry's name before its content is read: throw to refuse it. */
  accept: (name: string, type: 'file' | 'dir', size: number) => void;
  /** Called once the first file has been read completely (the manifest), with its content. */
  onFirst?: (name: string, content: Buffer) => void;
  /** The mode a file is written with, from its name and the mode the archive gives it. */
  modeFor?: (name: string, mode: number) => number;
  /** Largest file the archive may hold. */
  maxFileSize?: number;
};

function parseOctal(field: Buffer): number {
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new BackupError('备份文件已损坏：条目头中的数字无效');
  return parseInt(text, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) throw new BackupError('备份文件已损坏：PAX 扩展头格式无效');
    const length = Number(data.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) throw new BackupError('备份文件已损坏：PAX 扩展头长度无效');
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

const typeNames: Record<string, string> = {
  '1': '硬链接',
  '2': '符号链接',
  '3': '字符设备',
  '4': '块设备',
  '6': 'FIFO 管道',
  L: 'GNU 长名称',
  K: 'GNU 长链接',
};

/**
 * Reads a tar stream (already gunzip'd) into `dir`, refusing links, devices, unsafe names and
 * duplicates, and checking that the archive ends properly (two zero blocks, nothing cut off).
 * Returns every file with its size and SHA-256.
 */
export async function extractTar(source: AsyncIterable<Buffer>, dir: string, options: ExtractOptions): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  const seen = new Set<string>();
  let buffer: Buffer = Buffer.alloc(0);
  let pax: Record<string, string> = {};
  let ended = false;
  // The current file being written.
  let current: {
    name: string;
    remaining: number;
    pad: number;
    fd: number | null;
    hash: ReturnType<typeof createHash>;
    size: number;
    kept: Buffer[] | null;
  } | null = null;
  // A PAX header being collected.
  let paxBody: { remaining: number; pad: number; parts: Buffer[] } | null = null;
  const maxFileSize = options.maxFileSize ?? 64 * 1024 ** 3;
  let zeroBlocks = 0;

  const consume = () => {
    for (;;) {
      if (current) {
        if (current.remaining > 0) {
          if (buffer.length === 0) return;
          const part = buffer.subarray(0, Math.min(buffer.length, current.remaining));
          buffer = buffer.subarray(part.length);
          current.remaining -= part.length;
          current.hash.update(part);
          if (current.fd !== null) writeSync(current.fd, part);
          current.kept?.push(Buffer.from(part));
          continue;
        }
        if (buffer.length < current.pad) return;
        buffer = buffer.subarray(current.pad);
        if (current.fd !== null) closeSync(current.fd);
        const entry = { name: current.name, size: current.size, sha256: current.hash.digest('hex') };
        entries.push(entry);
        if (current.kept && options.onFirst) options.onFirst(current.name, Buffer.concat(current.kept));
        current = null;
        continue;
      }
      if (paxBody) {
        const need = paxBody.remaining + paxBody.pad;
        if (buffer.length < need) return;
        paxBody.parts.push(buffer.subarray(0, paxBody.remaining));
        buffer = buffer.subarray(need);
        pax = parsePax(Buffer.concat(paxBody.parts));
        paxBody = null;
        continue;
      }
      if (buffer.length < BLOCK) return;
      const block = buffer.subarray(0, BLOCK);
      buffer = buffer.subarray(BLOCK);
      if (ended) {
        if (block.some((b) => b !== 0)) throw new BackupError('备份文件已损坏：归档结束标记之后还有数据');
        continue;
      }
      if (block.every((b) => b === 0)) {
        zeroBlocks += 1;
        if (zeroBlocks === 2) ended = true;
        continue;
      }
      if (zeroBlocks > 0) throw new BackupError('备份文件已损坏：归档中间出现空块');
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
      if (sum !== parseOctal(block.subarray(148, 156))) throw new BackupError('备份文件已损坏：条目头校验和不符');
      const type = String.fromCharCode(block[156]!) || '0';
      let size = parseOctal(block.subarray(124, 136));
      if (type === 'x') {
        if (size > 1024 * 1024) throw new BackupError('备份文件已损坏：PAX 扩展头过大');
        paxBody = { remaining: size, pad: padding(size).length, parts: [] };
        continue;
      }
      if (type === 'g') throw new BackupError('备份文件包含不支持的全局 PAX 头，不是本程序写出的备份');
      if (typeNames[type]) throw new BackupError(`备份文件包含${typeNames[type]}条目，出于安全原因拒绝恢复（只接受普通文件和文件夹）`);
      if (type !== '0' && type !== '\0' && type !== '5')
        throw new BackupError(`备份文件包含未知类型（${JSON.stringify(type)}）的条目，拒绝恢复`);
      const prefix = block.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
      const short = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const name = pax.path ?? (prefix ? `${prefix}/${short}` : short);
      if (pax.size !== undefined) size = Number(pax.size);
      pax = {};
      if (!Number.isSafeInteger(size) || size < 0) throw new BackupError('备份文件已损坏：条目大小无效');
      const problem = checkEntryName(name);
      if (problem) throw new BackupError(`备份文件中的条目“${name.slice(0, 200)}”${problem}，出于安全原因拒绝恢复`);
      const clean = name.replace(/\/$/, '');
      if (seen.has(clean)) throw new BackupError(`备份文件中的条目“${clean}”出现了两次，拒绝恢复`);
      seen.add(clean);
      const target = path.join(dir, clean);
      if (path.relative(dir, target).startsWith('..')) throw new BackupError(`备份文件中的条目“${clean}”指向恢复目录之外，拒绝恢复`);
      if (type === '5') {
        options.accept(clean, 'dir', 0);
        mkdirSync(target, { recursive: true, mode: 0o755 });
        continue;
      }
      options.accept(clean, 'file', size);
      if (size > maxFileSize) throw new BackupError(`备份文件中的条目“${clean}”过大（${size} 字节）`);
      // Folders readable by a web server; the staging folder itself (0700) keeps others out meanwhile.
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
      const first = entries.length === 0;
      const mode = options.modeFor ? options.modeFor(clean, parseOctal(block.subarray(100, 108))) : 0o600;
      // wx: never through something already there (a symlink planted by an earlier entry cannot exist, but be strict).
      const fd = openSync(target, 'wx', mode);
      fchmodSync(fd, mode);
      current = { name: clean, remaining: size, pad: padding(size).length, fd, hash: createHash('sha256'), size, kept: first ? [] : null };
    }
  };

  for await (const chunk of source) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    consume();
  }
  consume();
  // Assigned inside consume(), which TypeScript's narrowing does not follow.
  const unfinished = current as { fd: number | null } | null;
  if (unfinished || paxBody || !ended) {
    if (unfinished?.fd != null) closeSync(unfinished.fd);
    throw new BackupError('备份文件不完整（在归档结束前被截断），拒绝恢复');
  }
  return entries;
}
