import * as React from 'react';
import { Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { chinaToday } from '@portal/shared';

/*
 * 生成年报草稿: choose an agency and a year; the CMS creates that annual report as a draft with
 * table 三 counted from the requests, table 二's 规章/规范性文件 rows from the policy items and the
 * figures last year's report fixes (cms/src/requests/report-draft.ts). The editor completes it
 * in the annual report's own form.
 */

const REPORT = 'api::annual-report.annual-report';
type Agency = { documentId: string; name: string };
type Result = { documentId: string; notes: string[] };

const ReportDraft = () => {
  const { get, post } = useFetchClient();
  const [agencies, setAgencies] = React.useState<Agency[]>([]);
  const [agency, setAgency] = React.useState('');
  const [year, setYear] = React.useState(() => String(Number(chinaToday().slice(0, 4)) - 1));
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<Result | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  React.useEffect(() => {
    get('/content-manager/collection-types/api::agency.agency?page=1&pageSize=100&sort=name:ASC')
      .then(({ data }) => setAgencies((data as { results: Agency[] }).results))
      .catch(() => setFailure('无法读取机构列表。'));
  }, [get]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const { data } = await post('/annual-report-drafts', { agency, year: Number(year) });
      setResult((data as { data: Result }).data);
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      setFailure(message ?? '生成失败，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>生成年报草稿</Page.Title>
      <Layouts.Header
        title="生成年报草稿"
        subtitle="按申请记录统计表三，按政策文件的“文件类别”统计表二规章和规范性文件，上年报告确定的数字直接取用；其余内容在年度报告中补充。"
      />
      <Layouts.Content>
        <form onSubmit={submit}>
          <Flex direction="column" alignItems="stretch" gap={4} maxWidth="40rem">
            <Field.Root name="agency" required>
              <Field.Label>机构</Field.Label>
              <SingleSelect value={agency} onChange={(value: string | number) => setAgency(String(value))} placeholder="请选择机构">
                {agencies.map((a) => (
                  <SingleSelectOption key={a.documentId} value={a.documentId}>
                    {a.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="year" required hint="报告所属的年度，如 2025">
              <Field.Label>年度</Field.Label>
              <TextInput value={year} inputMode="numeric" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setYear(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Box>
              <Button type="submit" loading={busy} disabled={!agency || !year}>
                生成年报草稿
              </Button>
            </Box>
            {failure && (
              <Typography textColor="danger600" role="alert">
                {failure}
              </Typography>
            )}
            {result && (
              <Flex direction="column" alignItems="flex-start" gap={2} role="status">
                <Typography fontWeight="bold">草稿已生成。</Typography>
                {result.notes.map((note) => (
                  <Typography key={note}>{note}</Typography>
                ))}
                <Link href={`/admin/content-manager/collection-types/${REPORT}/${result.documentId}`}>打开年报草稿</Link>
              </Flex>
            )}
          </Flex>
        </form>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ReportDraft;
