import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Box, Button, Flex, Main, ProgressBar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

/*
 * 导入政策目录: choose the catalogue (CSV or XLSX with the template's Chinese headers) and its
 * attachments, run the check (a dry run: the per-row report, nothing written), then import what
 * was checked, with progress and a summary. The server side is cms/src/import/catalog-routes.ts.
 */

type Problem = { row: number; column: string; severity: 'error' | 'warning'; message: string };
type Report = {
  ok: boolean;
  fatal?: string;
  format?: string;
  rows: number;
  valid: number;
  created: number;
  updated: number;
  problems: Problem[];
  problemsLeftOut?: number;
};
type Checked = { token: string | null; fileName: string; attachments: number; report: Report };
type Job = {
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  created: number;
  updated: number;
  report?: Report;
  message?: string;
};

const HEADERS = '索引号、标题、文号、发布机构、成文日期、发布日期、主题分类、信息类别、体裁、有效性、废止日期、内容概述、正文、附件文件名';

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data;
  return data?.error?.message ?? '请求失败：无法连接内容管理系统，请稍后重试';
}

const refusedRows = (report: Report) => new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;

export function CatalogImport() {
  const { post, get } = useFetchClient();
  const [file, setFile] = useState<File | null>(null);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [draft, setDraft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const reset = () => {
    setChecked(null);
    setJob(null);
    setError(null);
  };

  async function runCheck() {
    if (!file) return setError('请先选择目录文件（.csv 或 .xlsx）');
    reset();
    setBusy(true);
    const form = new FormData();
    form.append('file', file, file.name);
    for (const attachment of attachments) form.append('attachments', attachment, attachment.name);
    try {
      const { data } = await post<Checked>('/catalog-import/check', form);
      setChecked(data);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function poll(id: string) {
    try {
      const { data } = await get<Job>(`/catalog-import/jobs/${id}`);
      setJob(data);
      if (data.status === 'running') timer.current = setTimeout(() => void poll(id), 500);
      else setBusy(false);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  async function runImport() {
    if (!checked?.token) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ job: string }>('/catalog-import/run', { token: checked.token, draft });
      setJob({ status: 'running', done: 0, total: checked.report.valid, created: 0, updated: 0 });
      await poll(data.job);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  const report = checked?.report;
  const errors = report?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (report?.problems.length ?? 0) - errors;

  return (
    <Main>
      <Box padding={8} background="neutral100">
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="alpha" tag="h1">
              导入政策目录
            </Typography>
            <Typography variant="epsilon" textColor="neutral600">
              选择目录表格（CSV 或 XLSX，第 1 行为标题行：{HEADERS}
              ）和其中“附件文件名”列出的附件，先试运行检查，确认无误后再导入。同一索引号再次导入会更新已有的文件，不会重复。
            </Typography>
          </Flex>

          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <label>
                <Typography variant="omega" fontWeight="bold">
                  目录文件（.csv 或 .xlsx）
                </Typography>
                <br />
                <input
                  type="file"
                  name="file"
                  accept=".csv,.xlsx"
                  onChange={(event: ChangeEvent<HTMLInputElement>) => {
                    setFile(event.target.files?.[0] ?? null);
                    reset();
                  }}
                />
              </label>
              <label>
                <Typography variant="omega" fontWeight="bold">
                  附件（可多选，文件名须与“附件文件名”列一致）
                </Typography>
                <br />
                <input
                  type="file"
                  name="attachments"
                  multiple
                  onChange={(event: ChangeEvent<HTMLInputElement>) => {
                    setAttachments(Array.from(event.target.files ?? []));
                    reset();
                  }}
                />
              </label>
              <label>
                <input type="checkbox" name="draft" checked={draft} onChange={(event) => setDraft(event.target.checked)} />{' '}
                <Typography variant="omega">导入为草稿（不发布，逐条审核后再发布）</Typography>
              </label>
              <Flex gap={2}>
                <Button onClick={() => void runCheck()} disabled={busy || !file} loading={busy && !job}>
                  试运行（只检查，不写入）
                </Button>
                <Button onClick={() => void runImport()} disabled={busy || !checked?.token || Boolean(job)} variant="success">
                  {draft ? '导入为草稿' : '导入并发布'}
                </Button>
              </Flex>
            </Flex>
          </Box>

          {error && (
            <Box background="danger100" padding={4} hasRadius role="alert">
              <Typography textColor="danger700">{error}</Typography>
            </Box>
          )}

          {report && (
            <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">
                  检查结果：{checked!.fileName}
                  {report.format ? `（${report.format}）` : ''}
                </Typography>
                {report.fatal ? (
                  <Typography textColor="danger700" role="alert">
                    无法导入：{report.fatal}
                  </Typography>
                ) : (
                  <Typography data-testid="catalog-check-summary">
                    共 {report.rows} 行：{report.valid} 行通过检查，{errors} 处错误，{warnings} 处提示；附件 {checked!.attachments} 个。
                    {report.ok ? '检查通过，可以导入。' : '有错误，不能导入：请按下表改正后重新选择文件试运行。'}
                  </Typography>
                )}
                {report.problems.length > 0 && (
                  <Table colCount={4} rowCount={report.problems.length + 1} aria-label="检查结果">
                    <Thead>
                      <Tr>
                        <Th>
                          <Typography variant="sigma">行</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">列</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">类型</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">问题及改正方法</Typography>
                        </Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {report.problems.map((p, i) => (
                        <Tr key={i}>
                          <Td>
                            <Typography>第 {p.row} 行</Typography>
                          </Td>
                          <Td>
                            <Typography>{p.column}</Typography>
                          </Td>
                          <Td>
                            <Typography textColor={p.severity === 'error' ? 'danger700' : 'warning700'}>
                              {p.severity === 'error' ? '错误' : '提示'}
                            </Typography>
                          </Td>
                          <Td style={{ whiteSpace: 'normal' }}>
                            <Typography>{p.message}</Typography>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
                {(report.problemsLeftOut ?? 0) > 0 && (
                  <Typography textColor="neutral600">另有 {report.problemsLeftOut} 处问题未列出；请先改正上面的问题。</Typography>
                )}
              </Flex>
            </Box>
          )}

          {job && (
            <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="delta" tag="h2">
                  {job.status === 'running' ? '正在导入…' : job.status === 'done' ? '导入完成' : '导入未完成'}
                </Typography>
                <ProgressBar value={job.total ? Math.round((job.done / job.total) * 100) : 0} size="M" aria-label="导入进度" />
                <Typography data-testid="catalog-import-progress">
                  已导入 {job.done}/{job.total} 项（新建 {job.created}、更新 {job.updated}）
                </Typography>
                {job.status === 'done' && job.report && (
                  <Typography data-testid="catalog-import-summary" fontWeight="bold">
                    导入完成：新建 {job.report.created} 项，更新 {job.report.updated} 项，拒绝 {refusedRows(checked!.report)} 行
                    {draft ? '（均为草稿）' : '（均已发布）'}。
                  </Typography>
                )}
                {job.status === 'failed' && (
                  <Typography textColor="danger700" role="alert">
                    {job.message ?? job.report?.fatal ?? '导入失败'}
                  </Typography>
                )}
              </Flex>
            </Box>
          )}
        </Flex>
      </Box>
    </Main>
  );
}
