/*
 * The metadata rules of a policy item (政策文件), as pure functions: the CMS runs them on every save
 * and publish, the catalogue importer on every row. Database questions (is this 索引号 taken, was the
 * document ever published) are asked by the caller; the answers' messages are in index-number.ts.
 */
import { checkDocNumber } from './doc-number.js';
import { checkIndexNumber } from './index-number.js';
import { checkCatalogNode, checkGenre, checkTopic, requiredOnPublish, validities, type VocabularyCheck } from './vocabularies.js';

/** The fields the rules read; relations as the documentId they point to (null: none). */
export type PolicyMetadata = {
  indexNumber?: string | null;
  docNumber?: string | null;
  topic?: string | null;
  genre?: string | null;
  catalogNode?: string | null;
  validity?: string | null;
  writtenDate?: string | null;
  invalidDate?: string | null;
  replacedBy?: string | null;
};

/** A field and what is wrong with it, in Chinese. */
export type MetadataIssue = { field: keyof PolicyMetadata; message: string };

export type MetadataResult = {
  /** The normalised values of the text fields given (only those present in the input). */
  values: Partial<Record<'indexNumber' | 'docNumber' | 'topic' | 'genre' | 'catalogNode', string | null>>;
  issues: MetadataIssue[];
  /** Changes made to what was typed, to tell the editor (e.g. a 文号's brackets). */
  notices: string[];
};

const labels = { topic: '主题分类', genre: '体裁', catalogNode: '信息类别' } as const;

/**
 * Checks a policy item's metadata. `publishing` adds what a published item needs (the date of a
 * 废止/失效, the replacing document of an 已修订 one); a draft may leave those for later but may not
 * hold a wrong value. `documentId` is the item's own, to refuse it replacing itself.
 */
export function checkPolicyMetadata(
  item: PolicyMetadata,
  options: { publishing: boolean; documentId?: string | null; indexPrefix?: string | null },
): MetadataResult {
  const result: MetadataResult = { values: {}, issues: [], notices: [] };
  const has = (field: keyof PolicyMetadata) => Object.prototype.hasOwnProperty.call(item, field);

  for (const [field, check] of [
    ['topic', checkTopic],
    ['genre', checkGenre],
    ['catalogNode', checkCatalogNode],
  ] as const) {
    if (!has(field)) {
      if (options.publishing && requiredOnPublish[field]) result.issues.push({ field, message: `发布前须填写${labels[field]}` });
      continue;
    }
    const checked: VocabularyCheck = check(item[field]);
    if (!checked.ok) result.issues.push({ field, message: checked.message });
    else {
      result.values[field] = checked.value;
      if (options.publishing && requiredOnPublish[field] && checked.value === null)
        result.issues.push({ field, message: `发布前须填写${labels[field]}` });
    }
  }

  if (has('docNumber')) {
    const checked = checkDocNumber(item.docNumber);
    if (!checked.ok) result.issues.push({ field: 'docNumber', message: checked.message });
    else {
      result.values.docNumber = checked.value;
      if (checked.notice) result.notices.push(checked.notice);
    }
  }

  if (has('indexNumber')) {
    const checked = checkIndexNumber(item.indexNumber, options.indexPrefix);
    if (!checked.ok) result.issues.push({ field: 'indexNumber', message: checked.message });
    else result.values.indexNumber = checked.value;
  }
  if (options.publishing && !(item.indexNumber ?? '').trim()) {
    result.issues.push({ field: 'indexNumber', message: '发布前须有索引号：请填写，或为发布机构设置“索引号前缀”后留空自动编号' });
  }

  const validity = item.validity ?? 'valid';
  if (options.publishing && (validity === 'repealed' || validity === 'expired') && !item.invalidDate) {
    const label = validities[validity];
    result.issues.push({ field: 'invalidDate', message: `有效性为“${label}”的文件须填写${label}日期（门户在提示中显示这一日期）` });
  }
  if (item.invalidDate && item.writtenDate && item.invalidDate < item.writtenDate) {
    result.issues.push({ field: 'invalidDate', message: `废止/失效日期（${item.invalidDate}）不能早于成文日期（${item.writtenDate}）` });
  }
  if (options.publishing && validity === 'revised' && !item.replacedBy) {
    result.issues.push({
      field: 'replacedBy',
      message: '有效性为“已修订”的文件须选择替代它的文件（替代文件），门户据此链接到修订后的文件',
    });
  }
  if (item.replacedBy && options.documentId && item.replacedBy === options.documentId) {
    result.issues.push({ field: 'replacedBy', message: '文件不能替代它自己：替代文件应选另一份（修订后或新制定的）文件' });
  }
  return result;
}
