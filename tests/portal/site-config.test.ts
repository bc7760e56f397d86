import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, type BuiltPortal } from '../helpers/portal.ts';

/*
 * Another district runs the project by configuration alone (site/site.config.ts): its name,
 * owner, contact and footer come from the environment of the build, and nothing of the demo's
 * district or demo notice is left in any page, feed or data file.
 */

const other = {
  SITE_NAME: '某某县政府信息公开平台',
  SITE_REGION: '某某县',
  SITE_OWNER: '某某县人民政府办公室',
  SITE_CONTACT: '联系电话：0000-1234567',
  SITE_FOOTER: '某ICP备00000000号',
};

let cms: RunningCms;
let portal: BuiltPortal;

beforeAll(async () => {
  cms = await startCms({ demo: false });
  const agency = await cms.strapi.documents('api::agency.agency').create({
    data: { name: '某某县人民政府', slug: 'county', kind: 'districtGovernment' },
    status: 'published',
  });
  await cms.strapi.documents('api::policy-item.policy-item').create({
    data: {
      indexNumber: '000000000000000000/2026-00001',
      title: '某某县人民政府关于政务公开工作的通知',
      docNumber: '某政发〔2026〕1号',
      agency: agency.documentId,
      publishDate: '2026-03-01',
      topic: '综合政务\\其他',
      genre: '通知',
      validity: 'valid',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文。' }] }],
    },
    status: 'published',
  });
  portal = await buildPortal(cms.url, { site: other });
});
afterAll(async () => {
  portal?.remove();
  await cms?.stop();
});

const read = (file: string) => readFileSync(path.join(portal.clientDir, file), 'utf8');

describe('the site configuration', () => {
  it("names the configured district's portal, owner, contact and footer", () => {
    const home = read('index.html');
    expect(home).toContain(`<title>${other.SITE_NAME}</title>`);
    for (const value of [other.SITE_OWNER + '主办', other.SITE_CONTACT, other.SITE_FOOTER]) expect(home).toContain(value);
    expect(home).toContain('公开某某县人民政府及所属部门');
    expect(read('feeds/policies.xml')).toContain(`<name>${other.SITE_NAME}</name>`);
    expect(JSON.parse(read('open-data/catalog.json')).名称).toBe('某某县政府信息公开目录');
  });

  it('leaves nothing of the demo district or the demo notice in any text file of the build', () => {
    const texts = readdirSync(portal.outDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(html|xml|json|txt|js|mjs|css|csv)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(texts.length).toBeGreaterThan(10);
    const found = texts.filter((file) => /临淄|演示/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(portal.outDir, file));
    expect(found).toEqual([]);
  });
});
