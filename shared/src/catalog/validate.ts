import { looksLikeFormula } from '../csv-safe.js';
import { parseTypedDate } from '../dates.js';
import { indexNumberPrefixIssue, normalizeIndexNumber } from '../index-number.js';
import { checkPolicyMetadata, type PolicyMetadata } from '../policy-metadata.js';
import { catalogNodes, genres, topicClasses, TOPIC_SEPARATOR, validities, type Validity } from '../vocabularies.js';
import { catalogFields, catalogHeaders, fieldOfHeader, requiredCatalogFields, type CatalogField } from './columns.js';
import type { RawCell } from './csv.js';

/** A cell as a reader hands it over: text, a cell too long to keep, or a spreadsheet formula. */
export type SheetCell = RawCell | { formula: string };

export type CatalogTable = { headers: SheetCell[]; rows: SheetCell[][] };

/** An agency rows may name; `indexPrefix` (its 索引号前缀), when set, is the prefix its rows' 索引号 must carry. */
export type CatalogAgency = { name: string; shortName?: string | null; indexPrefix?: string | null };

export type CatalogContext = {
  agencies: readonly CatalogAgency[];
  /** Longest text of each field, in characters (the CMS passes its content type's maxLength). */
  limits?: Partial<Record<CatalogField, number>>;
  /** Whether the attachments folder holds this file; undefined when no folder was given. */
  attachmentExists?: (name: string) => boolean;
  /** Whether the rows are published on import (the default) or stored as drafts: a draft may leave for later what publishing needs. */
  publishing?: boolean;
};

/** One catalogue row, checked and in stored form. */
export type CatalogItem = {
  row: number;
  indexNumber: string;
  title: string;
  docNumber: string | null;
  /** The agency's full name, as the CMS holds it. */
  agency: string;
  writtenDate: string | null;
  publishDate: string;
  topic: string | null;
  catalogNode: string | null;
  genre: string | null;
  validity: Validity;
  invalidDate: string | null;
  summary: string | null;
  body: string | null;
  attachments: string[];
};

/** `row` counts as a spreadsheet shows it: the header is row 1. */
export type CatalogProblem = { row: number; column: string; severity: 'error' | 'warning'; message: string };

export type CatalogCheck = { items: CatalogItem[]; problems: CatalogProblem[]; rows: number; errorRows: number };

/** Limits of the fields the content type leaves unbounded (summary and body are long text). */
export const defaultCatalogLimits: Readonly<Record<CatalogField, number>> = {
  indexNumber: 60,
  title: 300,
  docNumber: 60,
  agency: 200,
  writtenDate: 40,
  publishDate: 40,
  topic: 60,
  catalogNode: 40,
  genre: 20,
  validity: 20,
  invalidDate: 40,
  summary: 10_000,
  body: 200_000,
  attachments: 4_000,
};

/** Longest attachment file name, in characters (most file systems allow 255 bytes). */
const MAX_FILE_NAME = 200;

/** Levenshtein distance over characters (code points), for "did you mean". */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** Up to three names nearest to `text`, closest first. */
export function nearestNames(text: string, names: readonly string[], limit = 3): string[] {
  return [...new Set(names)]
    .map((name) => ({ name, d: distance(text, name) - (name.includes(text) || text.includes(name) ? 1 : 0) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.ceil(Math.max([...name].length, [...text].length) / 2)))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
    .map(({ name }) => name);
}

const quoteList = (names: readonly string[]) => names.map((n) => `“${n}”`).join('、');

/** Attachment names of a cell: separated by ；, ;, 、, | or line breaks. */
export function splitAttachmentNames(text: string): string[] {
  return text
    .split(/[；;、|\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Why a file name is not a plain name inside the attachments folder, or undefined when it is. */
export function attachmentNameProblem(name: string): string | undefined {
  if (/[\\/]/.test(name) || name === '..' || name === '.' || /^[A-Za-z]:/.test(name)) {
    return `附件文件名“${name}”含路径（/、\\ 或 ..），只能写附件文件夹中的文件名本身，如“${name.split(/[\\/]/).pop() || '附件.pdf'}”`;
  }
  if (/[\u0000-\u001f]/.test(name)) return `附件文件名“${name.replace(/[\u0000-\u001f]/g, '?')}”含控制字符；只能写附件文件夹中的文件名`;
  if (name.startsWith('.')) return `附件文件名“${name}”以点开头（隐藏文件），不能作为附件`;
  if ([...name].length > MAX_FILE_NAME) return `附件文件名过长（${[...name].length} 字），不能超过 ${MAX_FILE_NAME} 字`;
  return undefined;
}

/** The closest vocabulary entry, as a hint appended to the shared rule's message. */
function nearestHint(text: string, names: readonly string[]): string {
  const near = nearestNames(text, names);
  return near.length ? `；最接近的是“${near[0]}”` : '';
}

const topicNames = topicClasses.flatMap((c) =>
  c.children.length ? c.children.map((sub) => `${c.name}${TOPIC_SEPARATOR}${sub}`) : [c.name],
);

const validityByLabel = new Map<string, Validity>(
  Object.entries(validities).flatMap(([key, label]) => [
    [label, key as Validity],
    [key, key as Validity],
  ]),
);

/**
 * Checks a catalogue table against the vocabularies of the domain and turns each row into the
 * fields the CMS stores. Every problem names its row and column in Chinese and says what would
 * be right; a row with an error yields no item.
 */
export function checkCatalog(table: CatalogTable, context: CatalogContext): CatalogCheck {
  const problems: CatalogProblem[] = [];
  const limits = { ...defaultCatalogLimits, ...context.limits };
  const columns = new Map<CatalogField, number>();
  table.headers.forEach((header, index) => {
    const text = typeof header === 'string' ? header.trim() : '';
    if (!text) return;
    const field = fieldOfHeader(text);
    if (!field) {
      problems.push({
        row: 1,
        column: text,
        severity: 'warning',
        message: `列“${text}”不是导入模板的列，已忽略；模板的列为 ${catalogFields.map((f) => catalogHeaders[f]).join('、')}`,
      });
    } else if (columns.has(field)) {
      problems.push({
        row: 1,
        column: text,
        severity: 'error',
        message: `列“${catalogHeaders[field]}”出现了两次（第 ${columns.get(field)! + 1} 列和第 ${index + 1} 列）；每列只能有一个`,
      });
    } else {
      columns.set(field, index);
    }
  });
  for (const field of requiredCatalogFields) {
    if (!columns.has(field))
      problems.push({
        row: 1,
        column: catalogHeaders[field],
        severity: 'error',
        message: `缺少必填列“${catalogHeaders[field]}”；标题行（第 1 行）应含 ${requiredCatalogFields.map((f) => catalogHeaders[f]).join('、')}`,
      });
  }
  if (problems.some((p) => p.severity === 'error')) return { items: [], problems, rows: table.rows.length, errorRows: 0 };

  const agencyByName = new Map<string, CatalogAgency>();
  for (const a of context.agencies) {
    agencyByName.set(a.name, a);
    if (a.shortName && !agencyByName.has(a.shortName)) agencyByName.set(a.shortName, a);
  }
  const publishing = context.publishing ?? true;
  const agencyNames = context.agencies.map((a) => a.name);
  const firstRowOf = new Map<string, number>();
  const items: CatalogItem[] = [];
  let errorRows = 0;
  let rows = 0;

  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => typeof c === 'string' && c.trim() === '')) return;
    rows++;
    const before = problems.length;
    const error = (field: CatalogField, message: string) =>
      problems.push({ row, column: catalogHeaders[field], severity: 'error', message });
    const warn = (field: CatalogField, message: string) =>
      problems.push({ row, column: catalogHeaders[field], severity: 'warning', message });

    const text = (field: CatalogField): string | null => {
      const at = columns.get(field);
      const cell = at === undefined ? '' : cells[at];
      if (cell === undefined) return null;
      if (typeof cell === 'object' && 'tooLong' in cell) {
        error(
          field,
          `单元格过长（${cell.tooLong.toLocaleString('en-US')} 字），“${catalogHeaders[field]}”最多 ${limits[field].toLocaleString('en-US')} 字；请删减内容或将全文作为附件`,
        );
        return null;
      }
      if (typeof cell === 'object') {
        error(field, `单元格是公式（=${cell.formula.slice(0, 40)}），导入只收文本；请在表格中复制该列并“粘贴为数值”`);
        return null;
      }
      const value = field === 'body' || field === 'summary' ? cell.replace(/\r\n?/g, '\n').trim() : cell.replace(/\s+/g, ' ').trim();
      if (!value) return null;
      if (looksLikeFormula(value)) {
        error(
          field,
          `单元格以“${value[0]}”开头（“${value.slice(0, 20)}”），在表格软件中会被当作公式执行；请删去开头的“${value[0]}”，或确认后在其前加全角字符`,
        );
        return null;
      }
      const length = [...value].length;
      if (length > limits[field]) {
        error(
          field,
          `内容过长（${length.toLocaleString('en-US')} 字），“${catalogHeaders[field]}”最多 ${limits[field].toLocaleString('en-US')} 字`,
        );
        return null;
      }
      return value;
    };
    const values = Object.fromEntries(catalogFields.map((f) => [f, text(f)])) as Record<CatalogField, string | null>;
    const failed = new Set(problems.slice(before).map((p) => p.column));

    for (const field of requiredCatalogFields) {
      if (values[field] === null && !failed.has(catalogHeaders[field])) error(field, `“${catalogHeaders[field]}”必填，本行为空`);
    }

    const indexNumber = values.indexNumber === null ? null : normalizeIndexNumber(values.indexNumber);
    if (indexNumber) {
      const first = firstRowOf.get(indexNumber);
      if (first !== undefined)
        error(
          'indexNumber',
          `索引号“${indexNumber}”与第 ${first} 行重复；同一文件中每个索引号只能出现一次（再次导入同一索引号会更新已有的文件）`,
        );
      else firstRowOf.set(indexNumber, row);
    }

    let agency: CatalogAgency | undefined;
    if (values.agency) {
      agency = agencyByName.get(values.agency);
      if (!agency) {
        const near = nearestNames(values.agency, agencyNames);
        error(
          'agency',
          `发布机构“${values.agency}”不在机构列表中；${near.length ? `是否为 ${quoteList(near)}？` : ''}请写机构全称或简称，或先在“机构”中新建该机构`,
        );
      }
    }

    const date = (field: CatalogField): string | null => {
      const value = values[field];
      if (value === null) return null;
      const parsed = parseTypedDate(value);
      if (!parsed.ok) {
        error(field, parsed.message);
        return null;
      }
      return parsed.iso;
    };
    const writtenDate = date('writtenDate');
    const publishDate = date('publishDate');
    const invalidDate = date('invalidDate');
    if (writtenDate && publishDate && writtenDate > publishDate)
      warn('publishDate', `发布日期 ${publishDate} 早于成文日期 ${writtenDate}；请核对两个日期`);

    let validity: Validity = 'valid';
    if (values.validity) {
      const key = validityByLabel.get(values.validity);
      if (!key) error('validity', `有效性“${values.validity}”不是 ${quoteList(Object.values(validities))} 之一`);
      else validity = key;
    }
    if (validity === 'valid' && invalidDate)
      warn('invalidDate', `有效性为“有效”却填写了废止日期 ${invalidDate}；如文件已废止，请将有效性改为“废止”`);

    // The policy item's own metadata rules (the ones the CMS runs on every save), on this row.
    const metadata: PolicyMetadata = {
      indexNumber,
      docNumber: values.docNumber,
      topic: values.topic,
      genre: values.genre,
      catalogNode: values.catalogNode,
      validity,
      writtenDate,
      invalidDate,
    };
    // A 废止日期 that is there but no date has its error already; "须填写" would be wrong.
    const invalidDateWrong = values.invalidDate !== null && invalidDate === null;
    const checked = checkPolicyMetadata(metadata, { publishing, indexPrefix: agency?.indexPrefix });
    for (const issue of checked.issues) {
      const field = issue.field as CatalogField;
      if (!(catalogFields as readonly string[]).includes(field) || (field === 'invalidDate' && invalidDateWrong)) continue;
      const hint =
        field === 'topic'
          ? nearestHint(checked.values.topic ?? values.topic ?? '', topicNames)
          : field === 'genre'
            ? nearestHint(values.genre ?? '', genres)
            : field === 'catalogNode'
              ? nearestHint(values.catalogNode ?? '', catalogNodes)
              : '';
      error(field, `${issue.message}${hint}`);
    }
    for (const notice of checked.notices) warn('docNumber', notice);
    const stored = checked.values;
    if (stored.indexNumber && agency?.indexPrefix) {
      const wrong = indexNumberPrefixIssue(stored.indexNumber, agency.indexPrefix, agency.name);
      if (wrong) error('indexNumber', wrong);
    }

    const attachments = values.attachments ? splitAttachmentNames(values.attachments) : [];
    for (const name of attachments) {
      const wrong = attachmentNameProblem(name);
      if (wrong) error('attachments', wrong);
      else if (!context.attachmentExists)
        error('attachments', `本行列出了附件“${name}”，但没有指定附件文件夹；请用 --attachments 指定存放附件的文件夹`);
      else if (!context.attachmentExists(name))
        error('attachments', `附件文件夹中没有“${name}”；请核对文件名（含扩展名）或把该文件放入附件文件夹`);
    }

    if (values.body && /<\s*\/?\s*[a-zA-Z][^>]*>/.test(values.body)) {
      warn(
        'body',
        '正文含 HTML 标记（如 <p>、<script>），将作为纯文本原样保存，不会作为网页代码显示或执行；如需排版请导入后在编辑器中调整',
      );
    }

    if (problems.slice(before).some((p) => p.severity === 'error')) {
      errorRows++;
      return;
    }
    items.push({
      row,
      indexNumber: stored.indexNumber!,
      title: values.title!,
      docNumber: stored.docNumber ?? null,
      agency: agency!.name,
      writtenDate,
      publishDate: publishDate!,
      topic: stored.topic ?? null,
      catalogNode: stored.catalogNode ?? null,
      genre: stored.genre ?? null,
      validity,
      invalidDate,
      summary: values.summary,
      body: values.body,
      attachments,
    });
  });
  return { items, problems, rows, errorRows };
}

/** The report of a check, one line a problem: "第 12 行 · 发布机构：……". */
export function formatCatalogProblems(problems: readonly CatalogProblem[]): string[] {
  return problems.map((p) => `第 ${p.row} 行 · ${p.column} · ${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
}

/** Strapi blocks of a plain-text body: one paragraph a line, every character kept as text (never markup). */
export function catalogBodyBlocks(
  body: string | null,
): Array<{ type: 'paragraph'; children: Array<{ type: 'text'; text: string }> }> | null {
  if (!body) return null;
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}
