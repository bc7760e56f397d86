import { policyLabel } from '../labels.js';

/** The policy-item fields a catalogue row fills, in the order of the import template. */
export const catalogFields = [
  'indexNumber',
  'title',
  'docNumber',
  'agency',
  'writtenDate',
  'publishDate',
  'topic',
  'catalogNode',
  'genre',
  'validity',
  'invalidDate',
  'summary',
  'body',
  'attachments',
] as const;
export type CatalogField = (typeof catalogFields)[number];

/**
 * The column header of each field in the import template: the field's label (labels.ts), except
 * 废止日期 and 附件文件名, which the template names after what the cell holds.
 */
export const catalogHeaders: Readonly<Record<CatalogField, string>> = Object.fromEntries(
  catalogFields.map((field) => [field, field === 'invalidDate' ? '废止日期' : field === 'attachments' ? '附件文件名' : policyLabel(field)]),
) as Record<CatalogField, string>;

/** Other headers people write for the same columns. */
const aliases: Readonly<Record<string, CatalogField>> = {
  失效日期: 'invalidDate',
  废止或失效日期: 'invalidDate',
  废止失效日期: 'invalidDate',
  附件: 'attachments',
  发文字号: 'docNumber',
  发文机关: 'agency',
  文种: 'genre',
  主题词分类: 'topic',
  公开目录: 'catalogNode',
};

const squash = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .replace(/[\s　*＊]/g, '')
    .replace(/[（(].*?[）)]$/, '');

/** The field a header names, or undefined. */
export function fieldOfHeader(header: string): CatalogField | undefined {
  const key = squash(header);
  const byLabel = catalogFields.find((f) => catalogHeaders[f] === key);
  return byLabel ?? aliases[key];
}

/** Fields every row must have. */
export const requiredCatalogFields: readonly CatalogField[] = ['indexNumber', 'title', 'agency', 'publishDate'];
