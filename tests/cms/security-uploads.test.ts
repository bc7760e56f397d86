import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDir, startCms, type RunningCms } from '../helpers/cms.ts';

/*
 * The media-library exploit replayed: an editor (信息公开编辑) uploads x.js and an x.html that loads
 * it, through the admin's own upload API with the editor's admin JWT. Both are refused by content;
 * a PNG-named HTML is refused too; what may be uploaded is audited; and anything under /uploads/ is
 * served inert (nosniff, sandboxing CSP, a download unless an image or PDF).
 */

const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'media-editor@example.com', password: 'Test-Editor-12345' };
/** A real 1×1 PNG (Strapi reads its dimensions). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = png();
const HTML = '<!doctype html><html><body><script src="/uploads/x.js"></script></body></html>';
const JS = "fetch('/admin/api-tokens', { method: 'POST' })";

let cms: RunningCms;
let jwt: string;
const stored: string[] = [];

async function upload(name: string, content: Buffer | string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('files', new Blob([content], { type }), name);
  form.append('fileInfo', JSON.stringify({ name, caption: null, alternativeText: null, folder: null }));
  const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  const body = (await response.json()) as any;
  if (response.status < 300) for (const file of Array.isArray(body) ? body : [body]) stored.push(file.url);
  return { status: response.status, body };
}

beforeAll(async () => {
  cms = await startCms({ admin, demo: false });
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: 'disclosure-editor' });
  await strapi
    .service('admin::user')
    .create({ ...editorLogin, firstname: '编辑', lastname: '媒体', isActive: true, registrationToken: null, roles: [role.id] });
  const login = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(editorLogin),
  });
  jwt = ((await login.json()) as any).data.token;
});

afterAll(async () => {
  for (const url of stored) rmSync(path.join(cmsDir, 'public', url), { force: true });
  await cms?.stop();
});

describe('the editor uploading through the admin', () => {
  it('cannot upload the script or the HTML page that loads it', async () => {
    for (const [name, content, type] of [
      ['x.js', JS, 'text/javascript'],
      ['x.html', HTML, 'text/html'],
      ['x.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
      ['x.xml', '<?xml version="1.0"?><x/>', 'application/xml'],
      ['x.exe', Buffer.from('MZ\x90\x00', 'latin1'), 'application/octet-stream'],
    ] as const) {
      const { status, body } = await upload(name, content, type);
      expect(status, name).toBe(400);
      expect(body.error.name).toBe('ValidationError');
      expect(body.error.message).toContain(`文件「${name}」不能上传`);
      expect(body.error.message).toContain('可上传的类型');
    }
  });

  it('cannot pass HTML, a script or a program off under an allowed name', async () => {
    const cases = [
      ['photo.png', HTML, 'image/png', 'HTML/SVG/XML 网页或脚本'],
      ['notes.txt', `<html>${HTML}`, 'text/plain', 'HTML/SVG/XML 网页或脚本'],
      ['report.pdf', Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'application/pdf', '可执行程序'],
      ['data.csv', '#!/bin/sh\nrm -rf /', 'text/csv', '脚本'],
      ['table.xlsx', PNG, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PNG 图片'],
    ] as const;
    for (const [name, content, type, what] of cases) {
      const { status, body } = await upload(name, content, type);
      expect(status, name).toBe(400);
      expect(body.error.message).toContain(`内容是${what}`);
      expect(body.error.message).toContain('不符');
    }
  });

  it('stores nothing of a request in which one file is refused', async () => {
    const before = await cms.strapi.db.query('plugin::upload.file').count({});
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), 'ok.png');
    form.append('files', new Blob([HTML], { type: 'text/html' }), 'bad.html');
    const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    expect(response.status).toBe(400);
    expect(await cms.strapi.db.query('plugin::upload.file').count({})).toBe(before);
  });

  it('uploads images, PDF, office documents and text, and audits each upload', async () => {
    const files = [
      ['seal.png', PNG, 'image/png'],
      ['notice.pdf', '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', 'application/pdf'],
      ['table.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]), 'application/octet-stream'],
      ['old.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(40)]), 'application/msword'],
      ['list.csv', '名称,数量\n公开,3\n', 'text/csv'],
    ] as const;
    for (const [name, content, type] of files) {
      const { status } = await upload(name, content, type);
      expect(status, name).toBe(201);
    }
    const entries = await cms.strapi.db.query('api::audit-entry.audit-entry').findMany({ where: { action: 'upload' } });
    expect(entries.map((e: any) => e.title.split('（')[0]).sort()).toEqual(files.map(([n]) => n).sort());
    const png = entries.find((e: any) => e.title.startsWith('seal.png'));
    expect(png).toMatchObject({
      userEmail: editorLogin.email,
      userName: '媒体编辑',
      origin: '管理后台',
      contentType: 'plugin::upload.file',
      actionLabel: '上传媒体文件',
    });
    expect(png.title).toMatch(/^seal\.png（image\/png，\d+\.\d KB）$/);
    expect(png.createdAt).toBeTruthy();
  });
});

describe('/uploads/ is served inert', () => {
  it('sends text and office files as downloads with nosniff and a sandboxing CSP', async () => {
    const { body } = await upload('script-in-text.txt', JS, 'text/plain');
    const response = await fetch(`${cms.url}${body[0].url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('content-disposition')).toBe('attachment');
  });

  it('shows images and PDF inline, still under nosniff and the sandbox', async () => {
    const { body } = await upload('inline.png', PNG, 'image/png');
    const response = await fetch(`${cms.url}${body[0].url}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('content-disposition')).toBeNull();
  });

  it('serves an HTML file that slipped into the folder as an inert download', async () => {
    // As if it had been uploaded before this check existed, or copied in by hand.
    const name = `/uploads/slipped-${process.pid}.html`;
    writeFileSync(path.join(cmsDir, 'public', name), HTML);
    stored.push(name);
    const response = await fetch(`${cms.url}${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('content-disposition')).toBe('attachment');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
