import * as React from 'react';
import { createPortal } from 'react-dom';
import { unstable_useContentManagerContext, useFetchClient, useForm } from '@strapi/strapi/admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import {
  cellName,
  overviewFields,
  reportTemplates,
  templateVersionForYear,
  validateReport,
  type Finding,
  type ReportFigures,
  type TableData,
  type TableField,
} from '@portal/shared';
import {
  asTableData,
  cellKey,
  computeTotals,
  fillTotals,
  formatCell,
  gridOf,
  inputModeOf,
  isTableField,
  move,
  onlyTemplateCells,
  parseCell,
  pasteBlock,
  relationDocumentId,
  sameTable,
  shouldRestore,
  unitChoices,
  unreadableMessage,
  withCells,
  withMoneyUnit,
  MONEY_UNITS,
  type GridCell,
} from './grid';

/*
 * The custom field's input: one statistics table of the annual report drawn as the official form
 * (merged headers and row labels from layoutTable), with number cells, computed totals, live
 * findings from validateReport, spreadsheet keys and paste from Excel. The stored value stays
 * `data[rowKey][columnKey] = number | null`.
 */

type ReportGridInputProps = {
  name: string;
  label?: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  disabled?: boolean;
  required?: boolean;
  attribute?: { options?: { table?: unknown } };
  value?: unknown;
  onChange: (path: string, value?: unknown) => void;
};

type CellFinding = Pick<Finding, 'severity' | 'message' | 'row' | 'column'> & { rule: string };

function yearOf(value: unknown): number | undefined {
  const year = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof year === 'number' && Number.isInteger(year) ? year : undefined;
}

type Previous = { state: 'none' } | { state: 'loading' } | { state: 'loaded'; report: ReportFigures | null } | { state: 'failed' };

/**
 * The same agency's published report of the year before (for R5–R7), from the plugin's admin
 * route, which asks the very lookup the server's save check uses.
 */
function usePreviousReport(documentId: string | undefined, agency: string | undefined, year: number | undefined): Previous {
  const { get } = useFetchClient();
  const [previous, setPrevious] = React.useState<Previous>({ state: 'none' });
  React.useEffect(() => {
    if (year === undefined || (!documentId && !agency)) {
      setPrevious({ state: 'none' });
      return;
    }
    let current = true;
    setPrevious({ state: 'loading' });
    const params: Record<string, string> = { year: String(year) };
    if (documentId) params.documentId = documentId;
    if (agency) params.agency = agency;
    get<{ data: ReportFigures | null }>('/report-grid/previous-report', { params }).then(
      (response) => current && setPrevious({ state: 'loaded', report: response.data?.data ?? null }),
      () => current && setPrevious({ state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [get, documentId, agency, year]);
  return previous;
}

/** Sticky offsets measured from the drawn table: each label's own left, each header row's top within its block. */
function pinHeaders(table: HTMLTableElement): void {
  const lefts = Array.from(table.querySelectorAll<HTMLElement>('[data-pin-left]'));
  const tops = Array.from(table.tBodies).map((body) => Array.from(body.querySelectorAll<HTMLElement>('tr[data-pin-top]')));
  // Without an inset a sticky box sits where it would unpinned: measure there, then pin.
  for (const el of lefts) el.style.left = '';
  for (const rows of tops) for (const row of rows) row.style.top = '';
  const left = lefts.map((el) => el.offsetLeft);
  const top = tops.map((rows) => rows.map((row) => row.offsetTop - (rows[0]?.offsetTop ?? 0)));
  lefts.forEach((el, i) => (el.style.left = `${left[i]}px`));
  tops.forEach((rows, b) => rows.forEach((row, i) => (row.style.top = `${top[b]![i]}px`)));
}

const ReportGridInput = React.forwardRef<HTMLDivElement, ReportGridInputProps>(function ReportGridInput(props, ref) {
  const { name, value, onChange, disabled = false, error, hint, label, attribute, required } = props;
  const option = attribute?.options?.table;
  const field: TableField | undefined = isTableField(option) ? option : isTableField(name) ? name : undefined;
  const values = useForm('ReportGridInput', (state) => state.values) as Record<string, unknown>;
  const stored = useForm('ReportGridInput', (state) => (state.initialValues as Record<string, unknown>)[name]);
  const saving = useForm('ReportGridInput', (state) => state.isSubmitting);
  const formErrors = useForm('ReportGridInput', (state) => state.errors) as Record<string, unknown>;
  const setErrors = useForm('ReportGridInput', (state) => state.setErrors);
  const { id: documentId } = unstable_useContentManagerContext();
  const year = yearOf(values.year);
  const previous = usePreviousReport(documentId, relationDocumentId(values.agency), year);
  const version = year === undefined ? undefined : templateVersionForYear(year);
  const moneyUnitsKey = JSON.stringify(values.moneyUnits ?? null);
  const grid = React.useMemo(
    () => (version && field ? gridOf(version, field, values.moneyUnits) : undefined),
    // moneyUnitsKey stands for values.moneyUnits (compared by content).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, field, moneyUnitsKey],
  );
  const data = React.useMemo(() => asTableData(value), [value]);
  const [drafts, setDrafts] = React.useState<Record<string, string>>({});
  const [complete, setComplete] = React.useState(false);
  const [full, setFull] = React.useState(false);
  const inputs = React.useRef(new Map<string, HTMLInputElement>());
  const sheet = React.useRef<HTMLTableElement | null>(null);
  const idBase = React.useId();

  /*
   * What the editor typed in this table. A refused save makes the admin put the stored document
   * back into the form (it rolls back its optimistic update): the typed table is restored then.
   */
  const typed = React.useRef<TableData | undefined>(undefined);
  /** A save ran since the editor last typed here: a reset to the stored table now is its doing. */
  const saved = React.useRef(false);
  const wasSaving = React.useRef(false);
  const hasErrors = Object.keys(formErrors ?? {}).length > 0;
  React.useEffect(() => {
    if (saving) saved.current = true;
    // The admin sets the server's errors (or clears them, on success) in the same update that ends
    // the save: a save that ends without errors leaves nothing to keep.
    else if (wasSaving.current && !hasErrors) saved.current = false;
    wasSaving.current = saving;
    if (shouldRestore({ typed: typed.current, value, stored, saving, refused: saved.current })) onChange(name, typed.current);
  }, [value, stored, saving, hasErrors, name, onChange]);

  /** The table the server's message is about: the one sent (what the editor typed, else what was there). */
  const errorFor = React.useRef<{ error: string; table: TableData } | undefined>(undefined);
  if (!error) errorFor.current = undefined;
  else if (errorFor.current?.error !== error) errorFor.current = { error, table: typed.current ?? data };

  React.useEffect(() => {
    if (!full) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setFull(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [full]);

  const totals = React.useMemo(() => (grid && version ? computeTotals(version, grid.table, data) : new Map()), [grid, version, data]);

  const overview = overviewFields.map((key) => values[key]);
  const overviewKey = JSON.stringify(overview);
  const findings: CellFinding[] = React.useMemo(() => {
    if (!grid || !version || !field || year === undefined) return [];
    const report = {
      year,
      templateVersion: version,
      proactiveTable: asTableData(values.proactiveTable),
      requestTable: asTableData(values.requestTable),
      reviewTable: asTableData(values.reviewTable),
      moneyUnits: values.moneyUnits,
      overviewTexts: overview,
    };
    report[field] = data;
    const found: CellFinding[] = validateReport(report, {
      complete,
      previous: previous.state === 'loaded' ? previous.report : null,
    }).filter((f) => f.table === field);
    // Text that is not a number yet: the editor's own problem, shown like a finding.
    const unreadable: CellFinding[] = Object.entries(drafts)
      .filter(([, text]) => !parseCell(text).ok)
      .flatMap(([key, text]) => {
        const cell = grid.byKey.get(key);
        if (!cell) return [];
        return [
          {
            rule: '输入',
            severity: 'error' as const,
            row: cell.ref.row,
            column: cell.ref.column,
            message: unreadableMessage(grid.table, cell.ref.row, cell.ref.column, text),
          },
        ];
      });
    return [...unreadable, ...found];
    // overviewKey stands for `overview` (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    grid,
    version,
    field,
    year,
    data,
    values.proactiveTable,
    values.requestTable,
    values.reviewTable,
    moneyUnitsKey,
    overviewKey,
    complete,
    drafts,
    previous,
  ]);

  const byCell = React.useMemo(() => {
    const map = new Map<string, Array<{ finding: CellFinding; id: string }>>();
    findings.forEach((finding, i) => {
      const key = cellKey(finding.row, finding.column);
      (map.get(key) ?? map.set(key, []).get(key)!).push({ finding, id: `${idBase}-finding-${i}` });
    });
    return map;
  }, [findings, idBase]);

  const commit = (next: TableData) => {
    typed.current = next;
    saved.current = false;
    onChange(name, next);
    // Once the editor changes the table, the live findings say what is wrong with it now: the
    // server's message about the table as it was sent goes (it would stay beside “未发现问题。”).
    if (error && errorFor.current && !sameTable(errorFor.current.table, next)) {
      const { [name]: _stale, ...rest } = formErrors ?? {};
      errorFor.current = undefined;
      setErrors(rest);
    }
  };

  const dropDrafts = (keys: string[]) =>
    setDrafts((current) => {
      if (!keys.some((k) => k in current)) return current;
      const next = { ...current };
      for (const k of keys) delete next[k];
      return next;
    });

  const focusCell = (cell: GridCell) => {
    const input = inputs.current.get(cellKey(cell.ref.row, cell.ref.column));
    if (input) {
      input.focus();
      input.select();
    }
  };

  const accept = (cell: GridCell) => {
    const key = cellKey(cell.ref.row, cell.ref.column);
    const computed = totals.get(key);
    if (!computed) return;
    dropDrafts([key]);
    commit(withCells(data, [{ row: cell.ref.row, column: cell.ref.column, value: computed.value }]));
  };

  const handleChange = (cell: GridCell, text: string) => {
    const key = cellKey(cell.ref.row, cell.ref.column);
    setDrafts((current) => ({ ...current, [key]: text }));
    const parsed = parseCell(text);
    if (parsed.ok) commit(withCells(data, [{ row: cell.ref.row, column: cell.ref.column, value: parsed.value }]));
  };

  const handleBlur = (cell: GridCell) => {
    const key = cellKey(cell.ref.row, cell.ref.column);
    const text = drafts[key];
    if (text !== undefined && parseCell(text).ok) dropDrafts([key]);
  };

  const handleKeyDown = (cell: GridCell, event: React.KeyboardEvent<HTMLInputElement>) => {
    if (!grid || event.nativeEvent.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const input = event.currentTarget;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    const all = start === 0 && end === input.value.length;
    let target: GridCell | undefined;
    switch (event.key) {
      case 'ArrowUp':
        target = move(grid, cell, 'up');
        break;
      case 'ArrowDown':
        target = move(grid, cell, 'down');
        break;
      case 'Enter':
        // Never submit the form from a cell: Enter moves down, Shift+Enter up.
        target = move(grid, cell, event.shiftKey ? 'up' : 'down');
        break;
      case 'ArrowLeft':
        if (all || (start === 0 && end === 0)) target = move(grid, cell, 'left');
        break;
      case 'ArrowRight':
        if (all || start === input.value.length) target = move(grid, cell, 'right');
        break;
      case '=':
        if (totals.has(cellKey(cell.ref.row, cell.ref.column))) {
          event.preventDefault();
          accept(cell);
        }
        return;
      default:
        return;
    }
    if (target) {
      event.preventDefault();
      if (target !== cell) focusCell(target);
    }
  };

  const handlePaste = (cell: GridCell, event: React.ClipboardEvent<HTMLInputElement>) => {
    if (!grid) return;
    const pasted = pasteBlock(grid, cell, event.clipboardData.getData('text/plain'));
    if (!pasted) return; // one value: the input takes it as typed text
    event.preventDefault();
    setDrafts((current) => {
      const next = { ...current, ...pasted.unreadable };
      for (const c of pasted.changes) delete next[cellKey(c.row, c.column)];
      return next;
    });
    commit(withCells(data, pasted.changes));
  };

  React.useLayoutEffect(() => {
    const table = sheet.current;
    if (!table) return;
    pinHeaders(table);
    const observer = new ResizeObserver(() => pinHeaders(table));
    observer.observe(table);
    return () => observer.disconnect();
  }, [grid, full]);

  const title = grid ? `表${grid.table.number} ${grid.table.title}` : undefined;
  const foreign = findings.some((f) => f.rule === 'R8' && grid && !grid.byKey.has(cellKey(f.row, f.column)));
  const errorsCount = findings.filter((f) => f.severity === 'error').length;
  const warningsCount = findings.length - errorsCount;

  const heading = (
    <Typography variant="pi" fontWeight="bold" tag="div">
      {/* The content manager's label is the attribute name unless configured: show the table's own title then. */}
      {label && label !== name ? label : (title ?? '年度报告统计表')}
      {required ? <span aria-hidden="true"> *</span> : null}
    </Typography>
  );
  const previousNote =
    previous.state === 'loaded'
      ? previous.report
        ? `已载入同一机构 ${previous.report.year} 年度已发布的报告，跨年度规则（R5–R7）随输入校验。`
        : `未找到同一机构 ${year === undefined ? '上一' : year - 1} 年度已发布的报告，跨年度规则（R5–R7）不校验。`
      : previous.state === 'loading'
        ? '正在载入上年报告（用于跨年度规则 R5–R7）……'
        : previous.state === 'failed'
          ? '上年报告载入失败：跨年度规则（R5–R7）暂不随输入校验，保存时服务器仍会校验。'
          : '选择机构后，按同一机构上年已发布的报告校验跨年度规则（R5–R7）。';
  // The server's message is repeated only for what the live check does not already show at a cell.
  const liveMessages = new Set(findings.map((f) => `${f.message}［${f.rule}］`));
  const serverError = error ? (liveMessages.has(error) ? '表中标红的单元格有错误，请按上面的提示改正后再保存。' : error) : undefined;

  const content = (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex justifyContent="space-between" alignItems="center" gap={2}>
        {heading}
        {grid && version ? (
          <Button
            type="button"
            variant="tertiary"
            size="S"
            aria-pressed={full}
            data-testid="report-grid-full"
            onClick={() => setFull((on) => !on)}
          >
            {full ? '退出全屏' : '全屏编辑'}
          </Button>
        ) : null}
      </Flex>
      {!grid || !version ? (
        <Typography variant="omega" textColor="neutral600" data-testid="report-grid-no-year">
          请先填写“年度”（2019 年及以后），表格将按该年度适用的格式显示。
        </Typography>
      ) : (
        <>
          <Typography variant="pi" textColor="neutral600">
            {label && label !== name ? `${title}，` : ''}按{reportTemplates[version].issuedBy}格式（{version} 版）
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-testid="report-grid-previous" data-state={previous.state}>
            {previousNote}
          </Typography>
          <Scroll data-full={full || undefined}>
            <Sheet ref={sheet} aria-label={title} data-field={field} data-full={full || undefined}>
              {grid.layout.blocks.map((block, b) => (
                <tbody key={b}>
                  {block.heading ? (
                    <tr data-pin-top="">
                      <th className="heading" colSpan={grid.layout.width} scope="colgroup">
                        {block.heading}
                      </th>
                    </tr>
                  ) : null}
                  {block.headerRows.map((row, r) => (
                    <tr key={`h${r}`} data-pin-top="">
                      {row.map((cell, c) =>
                        cell.type === 'header' ? (
                          <th
                            key={c}
                            className={r === 0 && c === 0 && block.bodyRows[0]?.[0]?.type === 'header' ? 'column corner' : 'column'}
                            data-pin-left={r === 0 && c === 0 && block.bodyRows[0]?.[0]?.type === 'header' ? '' : undefined}
                            colSpan={cell.colspan}
                            rowSpan={cell.rowspan}
                            scope={cell.scope}
                          >
                            {cell.text}
                          </th>
                        ) : null,
                      )}
                    </tr>
                  ))}
                  {block.bodyRows.map((row, r) => (
                    <tr key={`b${r}`}>
                      {row.map((layoutCell, c) => {
                        if (layoutCell.type === 'header') {
                          return (
                            <th
                              key={c}
                              className="row"
                              data-pin-left=""
                              colSpan={layoutCell.colspan}
                              rowSpan={layoutCell.rowspan}
                              scope={layoutCell.scope}
                            >
                              {layoutCell.text}
                            </th>
                          );
                        }
                        const key = cellKey(layoutCell.ref.row, layoutCell.ref.column);
                        const cell = grid.byKey.get(key)!;
                        const cellValue = data[cell.ref.row]?.[cell.ref.column];
                        const own = byCell.get(key) ?? [];
                        const invalid = own.some((f) => f.finding.severity === 'error');
                        const warned = !invalid && own.length > 0;
                        const computed = totals.get(key);
                        return (
                          <td key={c} colSpan={layoutCell.colspan} data-state={invalid ? 'error' : warned ? 'warning' : undefined}>
                            <div className="cell">
                              <input
                                ref={(el) => {
                                  if (el) inputs.current.set(key, el);
                                  else inputs.current.delete(key);
                                }}
                                type="text"
                                inputMode={inputModeOf(cell.ref.kind)}
                                autoComplete="off"
                                spellCheck={false}
                                value={drafts[key] ?? formatCell(cellValue)}
                                disabled={disabled}
                                aria-label={
                                  cellName(grid.table, cell.ref.row, cell.ref.column) + (layoutCell.unit ? `（${layoutCell.unit}）` : '')
                                }
                                aria-invalid={invalid || undefined}
                                aria-describedby={own.length ? own.map((f) => f.id).join(' ') : undefined}
                                data-row={cell.ref.row}
                                data-column={cell.ref.column}
                                onChange={(event) => handleChange(cell, event.target.value)}
                                onKeyDown={(event) => handleKeyDown(cell, event)}
                                onPaste={(event) => handlePaste(cell, event)}
                                onFocus={(event) => event.currentTarget.select()}
                                onBlur={() => handleBlur(cell)}
                              />
                              {computed ? (
                                <button
                                  type="button"
                                  className="computed"
                                  data-computed={computed.value}
                                  disabled={disabled || cellValue === computed.value}
                                  title={`计算值：${computed.explain}${computed.partial ? '（有未填单元格，按 0 计）' : ''}；在单元格中按“=”采用`}
                                  aria-label={`采用计算值 ${computed.value}（${computed.explain}）`}
                                  onClick={() => accept(cell)}
                                >
                                  ＝{computed.value}
                                </button>
                              ) : null}
                            </div>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              ))}
            </Sheet>
          </Scroll>
          <Flex gap={2} wrap="wrap">
            <Button
              type="button"
              variant="secondary"
              size="S"
              disabled={disabled}
              onClick={() => {
                setDrafts({});
                commit(fillTotals(version, grid.table, data));
              }}
            >
              填入全部合计
            </Button>
            {foreign ? (
              <Button
                type="button"
                variant="danger-light"
                size="S"
                disabled={disabled}
                onClick={() => commit(onlyTemplateCells(grid.table, data))}
              >
                清除不属于本格式的数据
              </Button>
            ) : null}
            {unitChoices(grid.table, values.moneyUnits).map((choice) => (
              <label key={choice.key} className="unit" data-unit-for={choice.key}>
                {choice.name} 的单位（按报告所印）：
                <select
                  value={choice.unit}
                  disabled={disabled}
                  onChange={(event) => onChange('moneyUnits', withMoneyUnit(values.moneyUnits, choice.key, event.target.value))}
                >
                  {MONEY_UNITS.map((unit) => (
                    <option key={unit} value={unit}>
                      {unit}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label className="complete">
              <input type="checkbox" checked={complete} onChange={(event) => setComplete(event.target.checked)} />{' '}
              按发布要求检查（所有单元格均须填写）
            </label>
          </Flex>
          <Findings aria-live="polite" data-testid="report-grid-findings">
            {findings.length === 0 ? (
              <Typography variant="pi" textColor="success600">
                未发现问题。
              </Typography>
            ) : (
              <>
                <Typography variant="pi" fontWeight="bold" textColor={errorsCount ? 'danger600' : 'warning600'}>
                  {errorsCount ? `错误 ${errorsCount} 处` : ''}
                  {errorsCount && warningsCount ? '，' : ''}
                  {warningsCount ? `提示 ${warningsCount} 处` : ''}
                </Typography>
                <ul>
                  {findings.map((finding, i) => {
                    const cell = grid.byKey.get(cellKey(finding.row, finding.column));
                    return (
                      <li key={i} id={`${idBase}-finding-${i}`} data-severity={finding.severity} data-rule={finding.rule}>
                        <span className="tag">{finding.severity === 'error' ? '错误' : '提示'}</span>
                        {cell ? (
                          <button type="button" className="link" onClick={() => focusCell(cell)}>
                            {finding.message}
                          </button>
                        ) : (
                          <span>{finding.message}</span>
                        )}
                        <span className="rule">［{finding.rule}］</span>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </Findings>
          <Typography variant="pi" textColor="neutral600">
            输入数字：没有发生的填
            0，不适用的填“/”（“/”不参与合计校验）。方向键在单元格间移动，回车下移；合计单元格显示计算值，点击或在单元格中按“=”采用。可从
            Excel 复制整块数据，粘贴到起始单元格。
          </Typography>
        </>
      )}
      {hint ? (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      ) : null}
      {serverError ? (
        <Typography variant="pi" textColor="danger600" role="alert" data-testid="report-grid-server-error">
          保存未通过：{serverError}
        </Typography>
      ) : null}
    </Flex>
  );

  return (
    <Box ref={ref} data-report-grid={field ?? name}>
      {full ? (
        <>
          <Typography variant="pi" textColor="neutral600">
            {title ?? '年度报告统计表'}正在全屏编辑（点“退出全屏”返回）。
          </Typography>
          {createPortal(
            <FullScreen
              role="dialog"
              aria-modal="true"
              aria-label={`${title ?? '年度报告统计表'}（全屏编辑）`}
              data-report-grid={field ?? name}
            >
              {content}
            </FullScreen>,
            document.body,
          )}
        </>
      ) : (
        content
      )}
    </Box>
  );
});

/** Over the whole admin: the form's column is ~670 px, the widest table needs about 1,100. */
const FullScreen = styled.div`
  position: fixed;
  inset: 0;
  z-index: 1000;
  overflow: auto;
  padding: 16px 24px;
  box-sizing: border-box;
  background: ${({ theme }) => theme.colors.neutral0};
  display: flex;
  flex-direction: column;
  & > div {
    flex: 1;
    min-height: 0;
  }
`;

/** The scroller the sticky labels and headers stick to: both directions, so that it has a height of its own. */
const Scroll = styled.div`
  overflow: auto;
  max-width: 100%;
  max-height: 75vh;
  &[data-full] {
    max-height: none;
    flex: 1 1 auto;
    min-height: 12em;
  }
`;

const Sheet = styled.table`
  /* Separate borders: collapsed ones belong to the table and would not move with a pinned cell. */
  position: relative;
  border-collapse: separate;
  border-spacing: 0;
  border-top: 1px solid ${({ theme }) => theme.colors.neutral300};
  border-left: 1px solid ${({ theme }) => theme.colors.neutral300};
  font-size: 1.3rem;
  line-height: 1.4;
  color: ${({ theme }) => theme.colors.neutral800};

  th,
  td {
    border-right: 1px solid ${({ theme }) => theme.colors.neutral300};
    border-bottom: 1px solid ${({ theme }) => theme.colors.neutral300};
    padding: 2px 4px;
    vertical-align: middle;
    background: ${({ theme }) => theme.colors.neutral0};
  }
  th {
    background: ${({ theme }) => theme.colors.neutral100};
    font-weight: 600;
  }
  /* Column headers stay on top while the rows scroll, row labels at the left while the columns do. */
  tr[data-pin-top] {
    position: sticky;
    z-index: 2;
  }
  th[data-pin-left] {
    position: sticky;
    z-index: 1;
  }
  th.heading {
    text-align: left;
  }
  th.column {
    text-align: center;
    min-width: 6em;
  }
  th.row {
    text-align: left;
    font-weight: 400;
    min-width: 4em;
    max-width: 24em;
  }
  /* A row's own label on one to three lines, not four or five: it gets the room it needs. */
  th.row[rowspan='1'] {
    min-width: 11em;
  }
  &[data-full] th.row[rowspan='1'] {
    min-width: 16em;
  }
  td[data-state='error'] {
    background: ${({ theme }) => theme.colors.danger100};
  }
  td[data-state='warning'] {
    background: ${({ theme }) => theme.colors.warning100};
  }
  .cell {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 1px;
  }
  input {
    width: 5.5em;
    box-sizing: border-box;
    padding: 3px 6px;
    text-align: right;
    font: inherit;
    font-variant-numeric: tabular-nums;
    color: inherit;
    background: ${({ theme }) => theme.colors.neutral0};
    border: 1px solid ${({ theme }) => theme.colors.neutral200};
    border-radius: 2px;
  }
  input:focus {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: -1px;
  }
  input[aria-invalid='true'] {
    border-color: ${({ theme }) => theme.colors.danger600};
  }
  input:disabled {
    background: ${({ theme }) => theme.colors.neutral150};
  }
  .computed {
    align-self: flex-end;
    border: 0;
    background: none;
    padding: 0 2px;
    font: inherit;
    font-size: 1.1rem;
    color: ${({ theme }) => theme.colors.primary600};
    cursor: pointer;
    text-decoration: underline dotted;
  }
  .computed:disabled {
    color: ${({ theme }) => theme.colors.success600};
    cursor: default;
    text-decoration: none;
  }
`;

const Findings = styled.div`
  font-size: 1.2rem;
  ul {
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    gap: 6px;
    align-items: baseline;
    padding: 2px 0;
  }
  li[data-severity='error'] .tag {
    color: ${({ theme }) => theme.colors.danger600};
  }
  li[data-severity='warning'] .tag {
    color: ${({ theme }) => theme.colors.warning600};
  }
  .tag {
    font-weight: 600;
    white-space: nowrap;
  }
  .rule {
    color: ${({ theme }) => theme.colors.neutral500};
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    text-align: left;
    font: inherit;
    color: ${({ theme }) => theme.colors.neutral800};
    cursor: pointer;
  }
  .link:hover {
    text-decoration: underline;
  }
`;

export default ReportGridInput;
