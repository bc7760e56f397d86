import type { Finding } from '../report/validate.js';
import type { CellValue, ClosingField, OverviewField, TableData, TableField, TemplateVersion } from '../report/template.js';

/** What the importer knows about one cell of tables 二/三/四. */
export type ImportCellStatus = 'read' | 'derived' | 'uncertain' | 'missing';

/** The line of the source text a value came from (1-based), and that line as printed. */
export type ImportSourceRef = { line: number; text: string };

export type ImportedCell = {
  table: TableField;
  row: string;
  column: string;
  status: ImportCellStatus;
  /** The number (or `null` for 不适用 “/”) when read or derived; `null` when uncertain or missing. */
  value: CellValue;
  /** Uncertain: every value the text allows for this cell. */
  alternatives?: CellValue[];
  /** Derived (or split by): the 勾稽关系 that fixed the value, e.g. `R3`. */
  rule?: string;
  /** In Chinese: how the value was found, or why it is not known. */
  note?: string;
  source?: ImportSourceRef;
};

export type ImportFlagCode =
  | '表格缺失'
  | '内容不完整'
  | '格式版本不符'
  | '年度不一致'
  | '列数不符'
  | '列错位'
  | '粘连数字'
  | '多种拆分'
  | '孤立数值行'
  | '无法识别的行'
  | '旧标签'
  | '标签变体'
  | '疑似错字'
  | '章节缺失'
  | '图表缺失'
  | '表头缺失'
  | '无法读取';

export type ImportFlag = { code: ImportFlagCode; message: string; table?: TableField; row?: string; line?: number };

/** Money cells' printed units, keyed `"<field>.<row>.<column>"`. */
export type ImportedMoneyUnits = Record<string, '元' | '万元'>;

/** Section texts as paragraphs, keyed by the annual report's field names. */
export type ImportSectionKey = OverviewField | ClosingField;

export type ImportedReport = {
  file: string;
  agency: string | null;
  year: number | null;
  templateVersion: TemplateVersion | null;
  title: string | null;
  publishDate: string | null;
  proactiveTable: TableData;
  requestTable: TableData;
  reviewTable: TableData;
  moneyUnits: ImportedMoneyUnits;
  sections: Partial<Record<ImportSectionKey, string[]>>;
  cells: ImportedCell[];
  flags: ImportFlag[];
  findings: Finding[];
};
