import * as React from 'react';
import { Badge, Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import {
  applicantKinds,
  buildCalendar,
  chinaToday,
  chineseDate,
  clockStateLabels,
  computeDeadline,
  requestChannels,
  type CalendarYear,
  type Deadline,
  type RequestClock,
} from '@portal/shared';

/*
 * 申请办理期限: every open request (not yet replied) by working days left, the most urgent first,
 * overdue in red. Read through the content manager's own API, so only those who may read requests
 * see them; days left are counted today with the holiday calendar staff keep.
 */

const REQUEST = 'api::disclosure-request.disclosure-request';
const CALENDAR = 'api::holiday-calendar.holiday-calendar';

type Row = RequestClock & {
  documentId: string;
  receiptNumber: string;
  applicantKind: string;
  channel: string;
  applicantName: string;
  agency?: { name?: string } | null;
};
type Queued = { row: Row; deadline: Deadline };

async function everyPage<T>(
  get: (url: string) => Promise<{ data: { results: T[]; pagination: { pageCount: number } } }>,
  uid: string,
  extra = '',
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { data } = await get(`/content-manager/collection-types/${uid}?page=${page}&pageSize=100${extra}`);
    all.push(...data.results);
    if (page >= data.pagination.pageCount) return all;
  }
}

/** The most urgent first: overdue, then fewest days left; the clocks standing still after them. */
function urgency(a: Queued, b: Queued): number {
  const key = (q: Queued) => (q.deadline.daysLeft === null ? Number.POSITIVE_INFINITY : q.deadline.daysLeft);
  return key(a) - key(b) || String(a.row.receivedAt).localeCompare(String(b.row.receivedAt));
}

function DaysLeft({ deadline }: { deadline: Deadline }) {
  if (deadline.state === 'awaitingAmendment') return <Typography textColor="neutral600">暂停（等待补正）</Typography>;
  const days = deadline.daysLeft ?? 0;
  const paused = deadline.state === 'consulting' ? '（征求意见中，暂停计算）' : '';
  if (deadline.overdue)
    return (
      <Typography textColor="danger600" fontWeight="bold" data-overdue="true">
        已逾期 {-days} 个工作日{paused}
      </Typography>
    );
  return (
    <Typography textColor={days <= 5 ? 'warning600' : 'neutral800'} fontWeight={days <= 5 ? 'bold' : undefined}>
      剩余 {days} 个工作日{paused}
    </Typography>
  );
}

const RequestQueue = () => {
  const { get } = useFetchClient();
  const [queue, setQueue] = React.useState<Queued[] | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  React.useEffect(() => {
    let live = true;
    (async () => {
      const [rows, years] = await Promise.all([
        everyPage<Row>(get as never, REQUEST, '&filters[clockState][$ne]=replied&populate[agency][fields][0]=name'),
        everyPage<CalendarYear>(get as never, CALENDAR).catch(() => [] as CalendarYear[]),
      ]);
      const calendar = buildCalendar(years);
      const today = chinaToday();
      const open = rows.filter((row) => !row.repliedAt).map((row) => ({ row, deadline: computeDeadline(row, today, calendar) }));
      if (live) setQueue(open.sort(urgency));
    })().catch((error: unknown) => live && setFailure(`无法读取申请：${error instanceof Error ? error.message : String(error)}`));
    return () => {
      live = false;
    };
  }, [get]);

  const overdue = queue?.filter((q) => q.deadline.overdue).length ?? 0;
  return (
    <Page.Main>
      <Page.Title>申请办理期限</Page.Title>
      <Layouts.Header
        title="申请办理期限"
        subtitle={
          queue
            ? `未答复的申请 ${queue.length} 件，其中逾期 ${overdue} 件（按剩余工作日排序，今天为 ${chineseDate(chinaToday())}）`
            : '正在读取…'
        }
      />
      <Layouts.Content>
        {failure && <Typography textColor="danger600">{failure}</Typography>}
        {queue && queue.length === 0 && <Typography>没有未答复的申请。</Typography>}
        {queue && queue.length > 0 && (
          <Table colCount={7} rowCount={queue.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">回执号</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">受理机关</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">申请人</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">收到申请</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">状态</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">答复期限</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">剩余</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {queue.map(({ row, deadline }) => (
                <Tr key={row.documentId} data-request-row={row.receiptNumber} data-overdue={deadline.overdue ? 'true' : 'false'}>
                  <Td>
                    <Link href={`/admin/content-manager/collection-types/${REQUEST}/${row.documentId}`}>{row.receiptNumber}</Link>
                  </Td>
                  <Td>
                    <Typography>{row.agency?.name ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography>{row.applicantName}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {applicantKinds[row.applicantKind as keyof typeof applicantKinds] ?? ''} ·{' '}
                        {requestChannels[row.channel as keyof typeof requestChannels] ?? ''}
                      </Typography>
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{chineseDate(row.receivedAt)}</Typography>
                  </Td>
                  <Td>
                    <Badge>{clockStateLabels[deadline.state]}</Badge>
                    {deadline.extended && (
                      <Box paddingTop={1}>
                        <Typography variant="pi">已延期</Typography>
                      </Box>
                    )}
                  </Td>
                  <Td>
                    <Typography>{deadline.dueDate ? chineseDate(deadline.dueDate) : '—'}</Typography>
                  </Td>
                  <Td>
                    <DaysLeft deadline={deadline} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default RequestQueue;
