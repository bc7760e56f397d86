/*
 * The metadata rules of a policy item, as the CMS and the importer apply them: vocabularies,
 * 文号's official form, dates of 废止/失效, the replacing document of an 已修订 one.
 */
import { describe, expect, it } from 'vitest';
import { checkPolicyMetadata } from './policy-metadata.js';
import { checkCatalogNode, checkGenre, checkTopic } from './vocabularies.js';
import { checkDocNumber } from './doc-number.js';

const draft = { publishing: false };
const publish = { publishing: true };
const fields = (result: ReturnType<typeof checkPolicyMetadata>) => result.issues.map((i) => i.field);

describe('主题分类', () => {
  it('accepts the two-level vocabulary, however the levels are separated', () => {
    expect(checkTopic('综合政务\\政务公开')).toEqual({ ok: true, value: '综合政务\\政务公开' });
    expect(checkTopic(' 综合政务 / 政务公开 ')).toEqual({ ok: true, value: '综合政务\\政务公开' });
    expect(checkTopic('其他')).toEqual({ ok: true, value: '其他' });
    expect(checkTopic('')).toEqual({ ok: true, value: null });
  });

  it('refuses what is not in it, saying what would be right', () => {
    const unknownSub = checkTopic('农业、林业、水利\\不存在的类别');
    expect(unknownSub.ok).toBe(false);
    expect(!unknownSub.ok && unknownSub.message).toContain('可选：农业、畜牧业、渔业、林业、水利、其他');
    const alone = checkTopic('政务公开');
    expect(!alone.ok && alone.message).toContain('应为“综合政务\\政务公开”');
    const main = checkTopic('综合政务');
    expect(!main.ok && main.message).toContain('还须选一个二级分类');
    expect(checkTopic('农业\\不存在的类别').ok).toBe(false);
    expect(checkTopic('综合政务\\政务公开\\更多').ok).toBe(false);
  });
});

describe('体裁 and 信息类别', () => {
  it('come from their vocabularies', () => {
    expect(checkGenre('通知')).toEqual({ ok: true, value: '通知' });
    expect(checkGenre('令')).toEqual({ ok: true, value: '命令（令）' });
    const genre = checkGenre('通知书');
    expect(!genre.ok && genre.message).toContain('应为以下之一：决议、决定');
    expect(checkCatalogNode('政策文件')).toEqual({ ok: true, value: '政策文件' });
    expect(checkCatalogNode('随便写').ok).toBe(false);
  });
});

describe('文号', () => {
  it('is stored with 〔〕 and the change is told', () => {
    expect(checkDocNumber('临政办发[2021]17号')).toEqual({
      ok: true,
      value: '临政办发〔2021〕17号',
      notice: expect.stringContaining('“临政办发〔2021〕17号”'),
    });
    expect(checkDocNumber('临政办发 （２０２１） 17号')).toMatchObject({ ok: true, value: '临政办发〔2021〕17号' });
    expect(checkDocNumber('临政办发〔2021〕17号')).toEqual({ ok: true, value: '临政办发〔2021〕17号' });
    expect(checkDocNumber('中华人民共和国国务院令第708号')).toEqual({ ok: true, value: '中华人民共和国国务院令第708号' });
  });

  it('is refused when it is no 文号', () => {
    const checked = checkDocNumber('临政办发2021年17号');
    expect(!checked.ok && checked.message).toContain('如“临政办发〔2021〕17号”');
  });
});

describe('a policy item’s metadata', () => {
  it('refuses a wrong value in a draft already, and gives the normal forms', () => {
    const result = checkPolicyMetadata({ topic: '农业\\不存在的类别', docNumber: '临政发(2021)9号', genre: '通知' }, draft);
    expect(fields(result)).toEqual(['topic']);
    expect(result.values).toMatchObject({ docNumber: '临政发〔2021〕9号', genre: '通知' });
    expect(result.notices).toHaveLength(1);
  });

  it('needs the date of a 废止 or 失效 to publish, not to save', () => {
    expect(fields(checkPolicyMetadata({ validity: 'repealed', indexNumber: 'A/2021-00001' }, draft))).toEqual([]);
    const repealed = checkPolicyMetadata({ validity: 'repealed', indexNumber: 'A/2021-00001' }, publish);
    expect(repealed.issues).toEqual([{ field: 'invalidDate', message: expect.stringContaining('须填写废止日期') }]);
    expect(checkPolicyMetadata({ validity: 'expired', indexNumber: 'A/2021-00001' }, publish).issues[0]?.message).toContain('失效日期');
    expect(fields(checkPolicyMetadata({ validity: 'repealed', invalidDate: '2021-06-30', indexNumber: 'A/2021-00001' }, publish))).toEqual(
      [],
    );
  });

  it('needs the replacing document of an 已修订 one, and never itself', () => {
    expect(fields(checkPolicyMetadata({ validity: 'revised', indexNumber: 'A/2021-00001' }, publish))).toEqual(['replacedBy']);
    expect(
      fields(
        checkPolicyMetadata({ validity: 'revised', indexNumber: 'A/2021-00001', replacedBy: 'other' }, { ...publish, documentId: 'self' }),
      ),
    ).toEqual([]);
    const itself = checkPolicyMetadata({ replacedBy: 'self' }, { ...draft, documentId: 'self' });
    expect(itself.issues[0]?.message).toContain('文件不能替代它自己');
  });

  it('needs a 索引号 to publish', () => {
    expect(fields(checkPolicyMetadata({ indexNumber: '' }, publish))).toEqual(['indexNumber']);
  });
});
