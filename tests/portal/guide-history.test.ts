import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, chineseDate } from '@portal/shared';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, type BuiltPortal } from '../helpers/portal.ts';

/*
 * A disclosure guide revised and republished: the portal shows the current guide with 更新于 (the
 * date of the publish that changed it: the editor does not touch 指南更新日期) and, near the top, a
 * link to its revision history; each earlier version stays readable, marked as superseded.
 */

const GUIDE = 'api::disclosure-guide.disclosure-guide';
let cms: RunningCms;
let portal: BuiltPortal;
let revisedOn: string;

beforeAll(async () => {
  cms = await startCms();
  const guides = cms.strapi.documents(GUIDE);
  const guide = await guides.findFirst({ filters: { orgName: '临淄区敬仲镇人民政府' } });
  await guides.update({
    documentId: guide.documentId,
    data: { fees: '依法不收取任何费用。', changeSummary: '根据国办函〔2020〕109号更新收费说明' },
  });
  revisedOn = chinaDate(new Date());
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
    expect(current).toContain(
      `更新于 <time datetime="${revisedOn}">${chineseDate(revisedOn)}</time> · <a href="#g-revisions">查看修订记录</a>`,
    );
    // Near the top: before the guide's first section, not only at the bottom of a long page.
    expect(current.indexOf('查看修订记录')).toBeLessThan(current.indexOf('id="g-classification"'));
    expect(current).toContain('<h2 id="g-revisions">');
    expect(current).toContain('依法不收取任何费用。');
    const history = /<section aria-labelledby="g-revisions">([\s\S]*?)<\/section>/.exec(current)?.[1] ?? '';
    expect(history).toContain('根据国办函〔2020〕109号更新收费说明');
    expect(history).toContain('修订了：收费');
    expect(history).toContain('首次发布');
    const earlier = /href="(\/agencies\/jingzhong\/guide\/revisions\/[^"]+\/)"/.exec(history)?.[1];
    expect(earlier).toBeDefined();

    const old = read(...earlier!.split('/').filter(Boolean));
    expect(old).toContain('这是');
    expect(old).toContain('发布的历史版本，已被新版本取代');
    expect(old).toContain('更新于 <time datetime="2020-12-23">2020年12月23日</time>');
    expect(old).toContain('不收取费用。申请人申请公开政府信息的数量');
    expect(old).not.toContain('data-pagefind-body');
    expect(old).not.toContain('查看修订记录');
  });
});
