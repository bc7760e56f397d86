import * as React from 'react';
import { useForm } from '@strapi/strapi/admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { cellName, reportTemplates, templateVersionForYear, validateReport, type Finding, type TableData, type TableField } from '@portal/shared';
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

/** Sections of 一、总体情况 in the annual report (for R9: figures quoted in the text). */
const OVERVIEW_FIELDS = ['overview', 'overviewProactive', 'overviewOnRequest', 'overviewManagement', 'overviewPlatform', 'overviewSupervision'];

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

const ReportGridInput = React.forwardRef<HTMLDivElement, ReportGridInputProps>(function ReportGridInput(props, ref) {
  const { name, value, onChange, disabled = false, error, hint, label, attribute, required } = props;
  const option = attribute?.options?.table;
  const field: TableField | undefined = isTableField(option) ? option : isTableField(name) ? name : undefined;
  const values = useForm('ReportGridInput', (state) => state.values) as Record<string, unknown>;
  const year = yearOf(values.year);
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
  const inputs = React.useRef(new Map<string, HTMLInputElement>());
  const idBase = React.useId();

  const totals = React.useMemo(() => (grid && version ? computeTotals(version, grid.table, data) : new Map()), [grid, version, data]);

  const overview = OVERVIEW_FIELDS.map((key) => values[key]);
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
    const found: CellFinding[] = validateReport(report, { complete }).filter((f) => f.table === field);
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
  }, [grid, version, field, year, data, values.proactiveTable, values.requestTable, values.reviewTable, moneyUnitsKey, overviewKey, complete, drafts]);

  const byCell = React.useMemo(() => {
    const map = new Map<string, Array<{ finding: CellFinding; id: string }>>();
    findings.forEach((finding, i) => {
      const key = cellKey(finding.row, finding.column);
      (map.get(key) ?? map.set(key, []).get(key)!).push({ finding, id: `${idBase}-finding-${i}` });
    });
    return map;
  }, [findings, idBase]);

  const commit = (next: TableData) => onChange(name, next);

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
    const text = event.clipboardData.getData('text/plain').replace(/(\r?\n)+$/, '');
    if (!/[\t\r\n]/.test(text)) return; // one value: the input takes it as typed text
    event.preventDefault();
    const changes: Array<{ row: string; column: string; value: number | null | undefined }> = [];
    const unreadable: Record<string, string> = {};
    text.split(/\r?\n/).forEach((line, i) => {
      const cells = grid.lines[cell.line + i];
      if (!cells) return;
      line.split('\t').forEach((token, j) => {
        const target = cells[cell.index + j];
        if (!target) return;
        const parsed = parseCell(token, 'pasted');
        const key = cellKey(target.ref.row, target.ref.column);
        if (parsed.ok) changes.push({ row: target.ref.row, column: target.ref.column, value: parsed.value });
        else unreadable[key] = token.trim();
      });
    });
    setDrafts((current) => {
      const next = { ...current, ...unreadable };
      for (const c of changes) delete next[cellKey(c.row, c.column)];
      return next;
    });
    commit(withCells(data, changes));
  };

  const title = grid ? `表${grid.table.number} ${grid.table.title}` : undefined;
  const foreign = findings.some((f) => f.rule === 'R8' && grid && !grid.byKey.has(cellKey(f.row, f.column)));
  const errorsCount = findings.filter((f) => f.severity === 'error').length;
  const warningsCount = findings.length - errorsCount;

  return (
    <Box ref={ref} data-report-grid={field ?? name}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" fontWeight="bold" tag="div">
          {/* The content manager's label is the attribute name unless configured: show the table's own title then. */}
          {label && label !== name ? label : (title ?? '年度报告统计表')}
          {required ? <span aria-hidden="true"> *</span> : null}
        </Typography>
        {!grid || !version ? (
          <Typography variant="omega" textColor="neutral600" data-testid="report-grid-no-year">
            请先填写“年度”（2019 年及以后），表格将按该年度适用的格式显示。
          </Typography>
        ) : (
          <>
            <Typography variant="pi" textColor="neutral600">
              {label && label !== name ? `${title}，` : ''}按{reportTemplates[version].issuedBy}格式（{version} 版）
            </Typography>
            <Scroll>
              <Sheet aria-label={title} data-field={field}>
                {grid.layout.blocks.map((block, b) => (
                  <tbody key={b}>
                    {block.heading ? (
                      <tr>
                        <th className="heading" colSpan={grid.layout.width} scope="colgroup">
                          {block.heading}
                        </th>
                      </tr>
                    ) : null}
                    {block.headerRows.map((row, r) => (
                      <tr key={`h${r}`}>
                        {row.map((cell, c) =>
                          cell.type === 'header' ? (
                            <th key={c} className="column" colSpan={cell.colspan} rowSpan={cell.rowspan} scope={cell.scope}>
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
                              <th key={c} className="row" colSpan={layoutCell.colspan} rowSpan={layoutCell.rowspan} scope={layoutCell.scope}>
                                {layoutCell.text}
                              </th>
                            );
                          }
                          const key = cellKey(layoutCell.ref.row, layoutCell.ref.column);
                          const cell = grid.byKey.get(key)!;
                          const stored = data[cell.ref.row]?.[cell.ref.column];
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
                                  value={drafts[key] ?? formatCell(stored)}
                                  disabled={disabled}
                                  aria-label={cellName(grid.table, cell.ref.row, cell.ref.column) + (layoutCell.unit ? `（${layoutCell.unit}）` : '')}
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
                                    disabled={disabled || stored === computed.value}
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
                <Button type="button" variant="danger-light" size="S" disabled={disabled} onClick={() => commit(onlyTemplateCells(grid.table, data))}>
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
                <input type="checkbox" checked={complete} onChange={(event) => setComplete(event.target.checked)} /> 按发布要求检查（所有单元格均须填写）
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
              输入数字：没有发生的填 0，不适用的填“/”（“/”不参与合计校验）。方向键在单元格间移动，回车下移；合计单元格显示计算值，点击或在单元格中按“=”采用。可从 Excel 复制整块数据，粘贴到起始单元格。
            </Typography>
          </>
        )}
        {hint ? (
          <Typography variant="pi" textColor="neutral600">
            {hint}
          </Typography>
        ) : null}
        {error ? (
          <Typography variant="pi" textColor="danger600" role="alert" data-testid="report-grid-server-error">
            {error}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
});

const Scroll = styled.div`
  overflow-x: auto;
  max-width: 100%;
`;

const Sheet = styled.table`
  border-collapse: collapse;
  font-size: 1.3rem;
  line-height: 1.4;
  color: ${({ theme }) => theme.colors.neutral800};

  th,
  td {
    border: 1px solid ${({ theme }) => theme.colors.neutral300};
    padding: 2px 4px;
    vertical-align: middle;
  }
  th {
    background: ${({ theme }) => theme.colors.neutral100};
    font-weight: 600;
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
