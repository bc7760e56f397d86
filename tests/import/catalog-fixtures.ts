import { crc32, deflateRawSync } from 'node:zlib';

/** Fixtures of the catalogue import tests: CSV text and hand-made zip files. */

// The headers as the issue lists them, written out here rather than taken from shared/: the tests check the importer against them.

export const HEADERS = [
  '索引号',
  '标题',
  '文号',
  '发布机构',
  '成文日期',
  '发布日期',
  '主题分类',
  '信息类别',
  '体裁',
  '有效性',
  '废止日期',
  '内容概述',
  '正文',
  '附件文件名',
];

/** CSV as Excel writes it: every cell quoted when it needs to be, CRLF between records. */
export function csv(rows: ReadonlyArray<ReadonlyArray<string>>, bom = true): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `${bom ? '\uFEFF' : ''}${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** A row of the template from the fields given (others empty). */
export function row(fields: Partial<Record<(typeof HEADERS)[number], string>>): string[] {
  return HEADERS.map((h) => fields[h] ?? '');
}

/** A zip archive of the given parts (deflated), as an XLSX is one. */
export function zip(parts: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
