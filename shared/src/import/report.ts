import { reportTemplates, templateVersionForYear } from '../report/templates.js';
import {
  closingFields,
  leafColumns,
  leafRows,
  overviewFields,
  tableFields,
  type ClosingField,
  type TableField,
  type TemplateVersion,
} from '../report/template.js';
import { validateReport } from '../report/validate.js';
import { resolveCells } from './cells.js';
import { readTables, tableModel, tableName } from './tables.js';
import { arabicYear, endsSentence, fixLookAlikes, isPageMarker, labelKey, splitLines, type Line } from './text.js';
import type { ImportedReport, ImportFlag, ImportedMoneyUnits, ImportSectionKey } from './types.js';

/*
 * The annual-report importer: text as governments have it (PDF-extracted, HTML saved as text,
 * markdown from PDF converters, Word paste) → a report in the template's keys, with a per-cell
 * account of how each value was found. Pure: no files, no CMS.
 */

export type ImportOptions = { fileName?: string };

type TopKind = 'overview' | TableField | ClosingField;

const canonicalTitles: Array<[string, TopKind]> = [
  ['总体情况', 'overview'],
  ['主动公开政府信息情况', 'proactiveTable'],
  ['收到和处理政府信息公开申请情况', 'requestTable'],
  ['政府信息公开行政复议行政诉讼情况', 'reviewTable'],
  ['存在的主要问题及改进情况', 'problems'],
  ['其他需要报告的事项', 'otherMatters'],
];

/** Which part of the report a line is the heading of, by its title's words (numbers change). */
export function topHeading(text: string): TopKind | undefined {
  const t = text.trim();
  if (t.length > 50 || /[。；;]$/.test(t)) return undefined;
  const numbered =
    /^(?:第?[一二三四五六七八九十]{1,2}(?:部分)?\s*[、.．，,：:]|第[一二三四五六七八九十]{1,2}部分\s*|[一二三四五六七八九十]{1,2}\s+|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d))\s*(.{2,40})$/.exec(
      t,
    );
  const title = numbered ? numbered[1]! : t;
  const key = labelKey(title);
  if (!numbered) return canonicalTitles.find(([k]) => k === key)?.[1];
  if (/\d\s*$/.test(title) && !/情况|事项|措施/.test(title)) return undefined;
  if (/总体情况/.test(key)) return 'overview';
  if (/^主动公开政府信息/.test(key)) return 'proactiveTable';
  if (/收到和处理|依申请公开政府信息(?:情况)?$|^政府信息公开申请(?:办理)?情况$/.test(key)) return 'requestTable';
  if (/行政复议|行政诉讼/.test(key)) return 'reviewTable';
  if (/存在的主要问题|主要问题及|问题和|改进情况|整改措施/.test(key)) return 'problems';
  if (/其他需要报告|其他事项/.test(key)) return 'otherMatters';
  return undefined;
}

const subParts: Array<[RegExp, ImportSectionKey]> = [
  [/主动公开/, 'overviewProactive'],
  [/依申请|申请公开|申请办理/, 'overviewOnRequest'],
  [/信息管理|管理/, 'overviewManagement'],
  [/平台/, 'overviewPlatform'],
  [/监督|保障|考核/, 'overviewSupervision'],
];

/** A sub-part heading of 一, alone on its line or run into its first sentence (（一）主动公开情况。2021年…). */
function subHeading(text: string): { key: ImportSectionKey; rest?: string } | undefined {
  const t = text.trim();
  const alone = /^[（(]\s*[一二三四五六七八]\s*[)）]\s*(.{2,30})$/.exec(t);
  if (alone && !/[。；，]/.test(alone[1]!)) {
    const key = subParts.find(([re]) => re.test(alone[1]!))?.[1];
    return key ? { key } : undefined;
  }
  const inline = /^[（(]\s*[一二三四五六七八]\s*[)）]\s*([^。；，：:]{2,20})[。：:]\s*(.+)$/.exec(t);
  if (!inline) return undefined;
  const key = subParts.find(([re]) => re.test(inline[1]!))?.[1];
  return key ? { key, rest: inline[2]! } : undefined;
}

const captionRe = /(?:情况|统计|统计表|图|表|一览表)$/;
const dateRe = /^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const signatureRe = /^[\u4e00-\u9fff（）()]{2,40}(?:人民政府|政府|局|委员会|办公室|办事处|中心|管委会|委|院|厅|署)$/;

/** What a web page saved as text adds around the report: navigation, print and share links. */
const chromeRe =
  /^(?:首页\s*[>＞»]|当前位置|您当前的位置|打印本页|【?打印】?$|关闭窗口|【?关闭】?$|【字体|字号[:：]|分享到|扫一扫|浏览次数|阅读次数|来源[:：]|发布时间[:：]|发布日期[:：]|信息来源[:：]|责任编辑|上一篇|下一篇)/;

function isChrome(text: string): boolean {
  return chromeRe.test(text.trim());
}

/** Paragraphs of a run of lines: a line that does not end a sentence continues on the next. */
function paragraphs(lines: readonly Line[], flags: ImportFlag[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    const t = line.text.trim();
    if (!t || isPageMarker(t) || isChrome(t)) continue;
    if (t.length <= 40 && !/[，。；：,;:]/.test(t) && captionRe.test(t) && !/^[无否]$/.test(t)) {
      flags.push({ code: '图表缺失', line: line.no, message: `第 ${line.no} 行：“${t}”像是图表的标题，图表本身不在文本中，未计入正文` });
      continue;
    }
    if (open && out.length) out[out.length - 1] += t;
    else out.push(t);
    open = !endsSentence(t);
  }
  return out;
}

const markers: Record<TemplateVersion, string[]> = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '第二十条第（九）项',
    '政府集中采购',
    '其他对外管理服务事项',
  ],
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '逾期不补正',
    '逾期未按收费通知要求缴纳费用',
  ],
};

function moneyHeaderUnits(version: TemplateVersion, zone: string): ImportedMoneyUnits {
  const units: ImportedMoneyUnits = {};
  const table = reportTemplates[version].tables.find((t) => t.field === 'proactiveTable')!;
  for (const block of table.blocks) {
    for (const column of leafColumns(block.columns).filter((c) => c.kind === 'money')) {
      const base = labelKey(column.label.replace(/（.*$/, ''));
      const m = new RegExp(`${base}（(?:单位)?(万元|元)）`).exec(zone);
      if (!m) continue;
      for (const row of leafRows(block.rows)) units[`proactiveTable.${row.key}.${column.key}`] = m[1] as '元' | '万元';
    }
  }
  return units;
}

const MAX_CHARS = 2_000_000;

export function importAnnualReport(input: string, options: ImportOptions = {}): ImportedReport {
  const file = options.fileName ?? '';
  const flags: ImportFlag[] = [];
  const empty = (): ImportedReport => ({
    file,
    agency: null,
    year: null,
    templateVersion: null,
    title: null,
    publishDate: null,
    proactiveTable: {},
    requestTable: {},
    reviewTable: {},
    moneyUnits: {},
    sections: {},
    cells: [],
    flags,
    findings: [],
  });
  if (!input.trim()) {
    flags.push({ code: '无法读取', message: '文本为空：没有可导入的内容' });
    return empty();
  }
  if (input.length > MAX_CHARS) {
    flags.push({
      code: '无法读取',
      message: `文本过长（${input.length} 个字符），年度报告一般不超过 20 万字；上限 ${MAX_CHARS} 个字符，未导入`,
    });
    return empty();
  }
  const lines = splitLines(input);

  // ── Title, agency, year ──
  const firstLines = lines.filter((l) => l.text.trim()).slice(0, 12);
  let title: string | null = null;
  let titleLine: Line | undefined;
  let titleEnd: Line | undefined;
  let titleAbove: Line | undefined;
  for (const [i, l] of firstLines.entries()) {
    const t = l.text.replace(/\s+/g, '');
    if (/年度?报告|年报/.test(t) && /政府信息公开|政务公开/.test(t) && /(?:19|20)\d{2}年/.test(arabicYear(t))) {
      title = t;
      titleLine = titleEnd = l;
      break;
    }
    const next = firstLines[i + 1]?.text.replace(/\s+/g, '');
    if (next && /政府信息公开|政务公开/.test(t) && /(?:19|20)\d{2}年/.test(arabicYear(t)) && /^[^。，]{0,12}年度?报告$/.test(next)) {
      title = t + next;
      titleLine = l;
      titleEnd = firstLines[i + 1];
      break;
    }
  }
  if (title) {
    const fixed = fixLookAlikes(title);
    for (const [wrong, right] of fixed.fixed) {
      flags.push({
        code: '疑似错字',
        line: titleLine?.no,
        message: `第 ${titleLine?.no} 行：标题中的“${wrong}”疑为“${right}”的识别错误，已按“${right}”读入`,
      });
    }
    title = fixed.text;
  }
  const titleYear = title ? /((?:19|20)\d{2})年/.exec(arabicYear(title))?.[1] : undefined;
  const fileYear = /(?:^|[^\d])((?:19|20)\d{2})(?!\d)/.exec(file.split(/[\\/]/).pop() ?? '')?.[1];
  const periodYear = /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(input.slice(0, 20000))?.[1];
  const yearText = titleYear ?? fileYear ?? periodYear;
  const year = yearText ? Number(yearText) : null;
  if (titleYear && fileYear && titleYear !== fileYear) {
    flags.push({
      code: '年度不一致',
      message: `标题年度为 ${titleYear} 年，文件名“${file}”中为 ${fileYear} 年；按标题的 ${titleYear} 年导入`,
    });
  }
  let agency = title ? (/^(.*?)(?:19|20)\d{2}年/.exec(arabicYear(title))?.[1] ?? '') || null : null;
  // The agency printed on the line above a title that has none (机构名 / 2021年…年度报告).
  const above = titleLine ? firstLines[firstLines.indexOf(titleLine) - 1]?.text.replace(/\s+/g, '') : undefined;
  if (!agency && above && signatureRe.test(above)) {
    agency = fixLookAlikes(above).text;
    titleAbove = firstLines[firstLines.indexOf(titleLine!) - 1];
  }

  const templateVersion = year ? (templateVersionForYear(year) ?? null) : null;
  if (!templateVersion) {
    flags.push({
      code: '无法读取',
      message: year
        ? `${year} 年早于 2019 年格式，本平台的年度报告格式从 2019 年起`
        : '找不到报告年度：标题和文件名中都没有年份（如“2021年政府信息公开工作年度报告”）',
    });
    return { ...empty(), agency, title, year };
  }

  // ── Headings ──
  const heads: Array<{ kind: TopKind; index: number }> = [];
  lines.forEach((l, index) => {
    if (l === titleLine || l === titleEnd || l === titleAbove) return;
    const kind = topHeading(l.text);
    if (kind && !heads.some((h) => h.kind === kind)) heads.push({ kind, index });
  });
  const headAt = (kind: TopKind) => heads.find((h) => h.kind === kind);
  const nextHead = (index: number) => heads.filter((h) => h.index > index).sort((a, b) => a.index - b.index)[0]?.index ?? lines.length;

  // ── Sections ──
  const sections: ImportedReport['sections'] = {};
  const overview = headAt('overview');
  const bodyStart = titleEnd ? lines.indexOf(titleEnd) + 1 : 0;
  const firstHead = heads.length ? Math.min(...heads.map((h) => h.index)) : lines.length;
  const intro = overview
    ? paragraphs(
        lines.slice(bodyStart, firstHead).filter((l) => l !== titleAbove),
        flags,
      )
    : [];
  // Without its heading, 一 is what stands between the title and the first heading found.
  const part = overview
    ? lines.slice(overview.index + 1, nextHead(overview.index))
    : lines.slice(bodyStart, firstHead).filter((l) => l !== titleAbove);
  const runs: Array<[ImportSectionKey, Line[]]> = [['overview', []]];
  for (const l of part) {
    const sub = subHeading(l.text);
    if (sub && !runs.some(([k]) => k === sub.key)) {
      runs.push([sub.key, sub.rest ? [{ ...l, text: sub.rest }] : []]);
      continue;
    }
    runs.at(-1)![1].push(l);
  }
  for (const [k, ls] of runs) {
    const ps = paragraphs(ls, flags);
    if (k === 'overview' && overview) sections.overview = [...intro, ...ps];
    else if (ps.length || k !== 'overview') sections[k] = ps;
  }
  if (!overview) {
    flags.push({
      code: '章节缺失',
      message:
        runs.length > 1
          ? '找不到“一、总体情况”的标题：标题与第一个章节之间的文字按总体情况导入'
          : '找不到“一、总体情况”：总体情况各部分未导入',
    });
  }
  let publishDate: string | null = null;
  for (const kind of closingFields) {
    const head = headAt(kind);
    if (!head) {
      flags.push({
        code: '章节缺失',
        message: `找不到“${kind === 'problems' ? '五、存在的主要问题及改进情况' : '六、其他需要报告的事项'}”`,
      });
      continue;
    }
    const ls = lines.slice(head.index + 1, nextHead(head.index));
    if (kind === 'otherMatters' || nextHead(head.index) === lines.length) {
      // The signature and the date close the report; they are not part of the last section.
      while (ls.length) {
        const t = ls.at(-1)!.text.trim();
        const date = dateRe.exec(t);
        if (!t || isChrome(t)) ls.pop();
        else if (date) {
          publishDate = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
          ls.pop();
        } else if (signatureRe.test(t.replace(/\s+/g, '')) && ls.length > 1) {
          const name = fixLookAlikes(t.replace(/\s+/g, '')).text;
          agency ??= name;
          ls.pop();
        } else break;
      }
    }
    sections[kind] = paragraphs(ls, flags);
  }

  // ── Tables ──
  const tableHeads = heads.filter((h) => h.kind === 'proactiveTable' || h.kind === 'requestTable' || h.kind === 'reviewTable');
  const closing = heads.filter((h) => h.kind === 'problems' || h.kind === 'otherMatters');
  const zoneStart = tableHeads.length ? Math.min(...tableHeads.map((h) => h.index)) : -1;
  const after = closing.filter((h) => h.index > zoneStart).map((h) => h.index);
  const zoneEnd = after.length ? Math.min(...after) : lines.length;
  const zone = zoneStart >= 0 ? lines.slice(zoneStart, zoneEnd) : [];
  const model = tableModel(templateVersion);
  const read = readTables(
    model,
    zone,
    (t) => {
      const k = topHeading(t);
      return k === 'proactiveTable' || k === 'requestTable' || k === 'reviewTable' ? k : undefined;
    },
    zoneStart < 0 || after.length > 0,
  );
  const zoneKey = labelKey(zone.map((l) => l.text).join(''));
  const other: TemplateVersion = templateVersion === '2019' ? '2021' : '2019';
  const own = markers[templateVersion].filter((m) => zoneKey.includes(labelKey(m)));
  const foreign = markers[other].filter((m) => zoneKey.includes(labelKey(m)));
  // Table 二's columns mean different things in the two formats: read under the wrong one, a
  // 本年新制作数量 would land in 本年制发件数. Such a table 二 is not read at all.
  const mismatch = foreign.length > 0 && foreign.length >= own.length;
  const rows = mismatch ? read.rows.filter((r) => r.spec.table !== 'proactiveTable') : read.rows;
  const resolved = resolveCells(templateVersion, rows, mismatch ? {} : moneyHeaderUnits(templateVersion, zoneKey));
  flags.push(...read.flags.filter((f) => !mismatch || f.table !== 'proactiveTable'), ...resolved.flags);
  if (mismatch) {
    for (const c of resolved.cells) if (c.table === 'proactiveTable') c.note = `原文表二是 ${other} 年格式，未读入`;
    flags.push({
      code: '格式版本不符',
      table: 'proactiveTable',
      message: `${year} 年的报告应使用 ${templateVersion} 年格式（${reportTemplates[templateVersion].issuedBy}），但表格中出现了 ${other} 年格式的标签（${foreign.join('、')}）；两种格式表二各列含义不同，表二未读入，请按 ${templateVersion} 年格式对照原件填写`,
    });
  }

  // ── Tables absent or cut off ──
  const order: readonly TableField[] = tableFields;
  const cutAt = read.endedInside ? order.indexOf(read.endedInside) : -1;
  for (const [i, field] of order.entries()) {
    const table = reportTemplates[templateVersion].tables.find((t) => t.field === field)!;
    const cells = resolved.cells.filter((c) => c.table === field);
    const missing = cells.filter((c) => c.status === 'missing' && c.note === '原文没有此行');
    const derived = cells.filter((c) => c.status === 'derived').length;
    const name = `${tableName(field)}（${table.title}）`;
    if (!read.seen.has(field)) {
      if (cutAt >= 0 && i > cutAt) {
        flags.push({
          code: '内容不完整',
          table: field,
          message: `文本在${tableName(order[cutAt]!)}中途结束，${name}不在文本中；其 ${cells.length} 个单元格均缺失`,
        });
      } else {
        flags.push({ code: '表格缺失', table: field, message: `原文没有${name}；其 ${cells.length} 个单元格均缺失，请对照原件补录` });
      }
      continue;
    }
    const absentRows = [
      ...new Set(
        cells.filter((c) => (c.status !== 'read' && c.note === '原文没有此行') || (c.status === 'derived' && !c.source)).map((c) => c.row),
      ),
    ];
    if (i === cutAt) {
      flags.push({
        code: '内容不完整',
        table: field,
        message: `文本在${name}中途结束（最后一行：第 ${zone.at(-1)?.no ?? lines.length} 行）；${cells.filter((c) => c.status === 'missing').length} 个单元格缺失${derived ? `，${derived} 个由勾稽关系推出` : ''}`,
      });
    } else if (absentRows.length) {
      const labels = absentRows.map((r) => model.specs.get(`${field}.${r}`)?.label ?? r);
      flags.push({
        code: '内容不完整',
        table: field,
        message: `${name}缺少 ${absentRows.length} 行（${labels.slice(0, 4).join('、')}${labels.length > 4 ? '等' : ''}）；${derived ? `${derived} 个单元格由勾稽关系推出，` : ''}${missing.length ? `${missing.length} 个单元格缺失` : '无单元格缺失'}`,
      });
    }
  }

  const overviewTexts = overviewFields.map((k) =>
    (sections[k] ?? []).map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })),
  );
  const findings = validateReport({
    year: year!,
    templateVersion,
    proactiveTable: resolved.tables.proactiveTable,
    requestTable: resolved.tables.requestTable,
    reviewTable: resolved.tables.reviewTable,
    moneyUnits: resolved.moneyUnits,
    overviewTexts,
  });

  return {
    file,
    agency,
    year,
    templateVersion,
    title,
    publishDate,
    proactiveTable: resolved.tables.proactiveTable,
    requestTable: resolved.tables.requestTable,
    reviewTable: resolved.tables.reviewTable,
    moneyUnits: resolved.moneyUnits,
    sections,
    cells: resolved.cells,
    flags,
    findings,
  };
}
