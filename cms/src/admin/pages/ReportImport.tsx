import * as React from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { formatImportReport, type ImportedReport } from '@portal/shared';

/*
 * 导入年度报告: upload the text of annual reports, read each one's import report (what the importer
 * recovered, cell by cell, with flags and 勾稽关系 findings), then create drafts. The CMS does the
 * work (cms/src/import/report-routes.ts); nothing is stored before “创建草稿”. Every text shown comes
 * from the files or the server and is rendered as text, never as HTML.
 */

type PreviewEntry =
  | { file: string; ok: false; error: string }
  | { file: string; ok: true; report: ImportedReport; agencyFound: boolean; errors: number; archivable: boolean };
type SaveOutcome = { file: string; status: 'created' | 'updated' | 'refused'; message: string };

const STATUS_NAMES = { read: '读取', derived: '推出', uncertain: '待定', missing: '缺失' } as const;

function messageOf(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: unknown } } } }).response;
  const message = response?.data?.error?.message;
  return typeof message === 'string' && /[\u4e00-\u9fff]/.test(message)
    ? message
    : '请求失败：请检查文件（UTF-8 文本，每个不超过 10 MB）后重试';
}

function Summary({ entry }: { entry: Extract<PreviewEntry, { ok: true }> }) {
  const { report } = entry;
  const count = (status: keyof typeof STATUS_NAMES) => report.cells.filter((c) => c.status === status).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography>
        机构：{report.agency ?? '（未识别）'}
        {report.agency && !entry.agencyFound ? '（内容管理中没有此机构，不能创建草稿）' : ''}　年度：{report.year ?? '（未识别）'}　格式：
        {report.templateVersion ? `${report.templateVersion} 年格式` : '（未识别）'}
      </Typography>
      <Typography>
        单元格：{(Object.keys(STATUS_NAMES) as Array<keyof typeof STATUS_NAMES>).map((s) => `${STATUS_NAMES[s]} ${count(s)}`).join('，')}
        ；提示标记 {report.flags.length} 条； 勾稽关系错误 {entry.errors} 处
      </Typography>
    </Flex>
  );
}

export default function ReportImportPage() {
  const { post } = useFetchClient();
  const [files, setFiles] = React.useState<File[]>([]);
  const [entries, setEntries] = React.useState<PreviewEntry[] | null>(null);
  const [outcomes, setOutcomes] = React.useState<SaveOutcome[] | null>(null);
  const [archive, setArchive] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);

  const form = (extra: Record<string, string> = {}) => {
    const data = new FormData();
    for (const file of files) data.append('files', file, file.name);
    for (const [key, value] of Object.entries(extra)) data.append(key, value);
    return data;
  };

  const read = async () => {
    setBusy(true);
    setProblem(null);
    setOutcomes(null);
    try {
      const { data } = await post<{ data: PreviewEntry[] }>('/report-import/preview', form());
      setEntries(data.data);
    } catch (error) {
      setEntries(null);
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: SaveOutcome[] }>('/report-import/save', form({ archive: String(archive) }));
      setOutcomes(data.data);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const readable = entries?.filter((e): e is Extract<PreviewEntry, { ok: true }> => e.ok) ?? [];
  const mayArchive = readable.some((e) => e.archivable);
  const withErrors = readable.some((e) => e.errors > 0);

  return (
    <Layouts.Root>
      <Layouts.Header
        title="导入年度报告"
        subtitle="上传年度报告的文本（PDF 提取的文本、网页另存的文本、markdown、Word 粘贴的文本，UTF-8 编码），先查看导入报告，再创建草稿"
        docLink={null}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
            <Flex direction="column" alignItems="stretch" gap={3}>
              <label htmlFor="report-import-files">
                <Typography variant="delta">选择文件（可多选，每个不超过 10 MB，一次最多 20 个）</Typography>
              </label>
              <input
                id="report-import-files"
                type="file"
                multiple
                accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html"
                onChange={(event) => {
                  setFiles(Array.from(event.target.files ?? []));
                  setEntries(null);
                  setOutcomes(null);
                  setProblem(null);
                }}
              />
              <Flex gap={2}>
                <Button onClick={read} disabled={busy || files.length === 0} loading={busy && !entries}>
                  读取并检查
                </Button>
              </Flex>
            </Flex>
          </Box>

          {problem && (
            <Box role="alert" background="danger100" padding={4} hasRadius>
              <Typography textColor="danger700">{problem}</Typography>
            </Box>
          )}

          {entries?.map((entry, index) => (
            <Box
              key={`${entry.file}-${index}`}
              background="neutral0"
              padding={4}
              hasRadius
              shadow="tableShadow"
              data-import-file={entry.file}
            >
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="delta">{entry.file}</Typography>
                {entry.ok ? (
                  <>
                    <Summary entry={entry} />
                    <Box background="neutral100" padding={3} hasRadius style={{ maxHeight: '32rem', overflow: 'auto' }}>
                      <pre data-import-report style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: '1.3rem', lineHeight: 1.5 }}>
                        {formatImportReport(entry.report)}
                      </pre>
                    </Box>
                  </>
                ) : (
                  <Typography textColor="danger700" role="alert">
                    {entry.error}
                  </Typography>
                )}
              </Flex>
            </Box>
          ))}

          {readable.length > 0 && (
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
              <Flex direction="column" alignItems="stretch" gap={3}>
                {withErrors && (
                  <Typography textColor="danger700">
                    有报告存在勾稽关系错误：这样的报告只能由具有“原样归档”权限的人员按原发布内容存档（保留不一致并在门户上注明），否则不会创建草稿。
                  </Typography>
                )}
                {mayArchive && (
                  <Checkbox checked={archive} onCheckedChange={(on: boolean | 'indeterminate') => setArchive(on === true)}>
                    原样归档：按原发布内容存档，保留原报告的勾稽关系不一致（在门户上注明，不作更正）
                  </Checkbox>
                )}
                <Flex gap={2}>
                  <Button onClick={save} disabled={busy} loading={busy && Boolean(entries)}>
                    创建草稿
                  </Button>
                </Flex>
                {outcomes && (
                  <Flex direction="column" alignItems="stretch" gap={1} data-import-outcomes>
                    {outcomes.map((o, index) => (
                      <Typography key={`${o.file}-${index}`} textColor={o.status === 'refused' ? 'danger700' : 'success700'}>
                        {o.status === 'refused' ? '✗ ' : '✓ '}
                        {o.message}
                      </Typography>
                    ))}
                  </Flex>
                )}
              </Flex>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
