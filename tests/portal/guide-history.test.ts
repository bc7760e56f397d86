import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, type BuiltPortal } from '../helpers/portal.ts';

/*
 * A disclosure guide revised and republished: the portal shows the current guide with 更新于 and
 * its revision history, and each earlier version stays readable, marked as superseded.
 */

const GUIDE = 'api::disclosure-guide.disclosure-guide';
let cms: RunningCms;
let portal: BuiltPortal;

beforeAll(async () => {
  cms = await startCms();
  const guides = cms.strapi.documents(GUIDE);
  const guide = await guides.findFirst({ filters: { orgName: '临淄区敬仲镇人民政府' } });
  await guides.update({ documentId: guide.documentId, data: { revisedAt: '2021-06-30', fees: '依法不收取任何费用。', changeSummary: '根据国办函〔2020〕109号更新收费说明' } });
  await guides.publish({ documentId: guide.documentId });
  portal = await buildPortal(cms.url);
});

afterAll(async () => {
  portal?.remove();
  await cms?.stop();
});

const read = (...parts: string[]) => readFileSync(path.join(portal.clientDir, ...parts, 'index.html'), 'utf8');

describe('the disclosure guide’s history', () => {
  it('shows the current guide with its revisions, and the earlier version readable', () => {
    const current = read('agencies', 'jingzhong', 'guide');
    expect(current).toContain('更新于 <time datetime="2021-06-30">2021年6月30日</time>');
    expect(current).toContain('依法不收取任何费用。');
    const history = /<section aria-labelledby="g-revisions">([\s\S]*?)<\/section>/.exec(current)?.[1] ?? '';
    expect(history).toContain('根据国办函〔2020〕109号更新收费说明');
    expect(history).toContain('修订了：指南更新日期、收费');
    expect(history).toContain('首次发布');
    const earlier = /href="(\/agencies\/jingzhong\/guide\/revisions\/[^"]+\/)"/.exec(history)?.[1];
    expect(earlier).toBeDefined();

    const old = read(...earlier!.split('/').filter(Boolean));
    expect(old).toContain('这是');
    expect(old).toContain('发布的历史版本，已被新版本取代');
    expect(old).toContain('更新于 <time datetime="2020-12-23">2020年12月23日</time>');
    expect(old).toContain('不收取费用。申请人申请公开政府信息的数量');
    expect(old).not.toContain('data-pagefind-body');
  });
});
