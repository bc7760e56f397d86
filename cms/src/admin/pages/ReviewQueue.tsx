import * as React from 'react';
import { Box, Button, Flex, Textarea, Typography } from '@strapi/design-system';
import { Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { editViewPath, messageOf, when, type ReviewRequestView } from '../review/api';

/*
 * 待审核 (the reviewer's queue, 保密审查): every document an editor submitted, oldest first, with
 * 通过并发布 (publishes it as the reviewer, through every publish rule) and 退回 (needs a comment the
 * editor reads in the edit view).
 */

function QueueItem({ item, onDone }: { item: ReviewRequestView; onDone: (message: string) => void }) {
  const { post } = useFetchClient();
  const [returning, setReturning] = React.useState(false);
  const [comment, setComment] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const act = async (action: 'approve' | 'return') => {
    if (action === 'return' && !comment.trim()) {
      setProblem('退回时须填写退回意见：请写明需要修改的内容');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await post(`/review/requests/${item.id}/${action}`, action === 'return' ? { comment } : {});
      onDone(action === 'approve' ? `「${item.title ?? item.documentId}」已通过审核并发布` : `「${item.title ?? item.documentId}」已退回`);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius data-review-item={item.documentId}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {item.contentTypeLabel}
          </Typography>
          <Typography variant="sigma" textColor="neutral600">
            {item.agencyName ?? ''}
          </Typography>
        </Flex>
        <Link to={editViewPath(item.contentType, item.documentId)}>
          <Typography variant="delta">{item.title ?? item.documentId}</Typography>
        </Link>
        <Typography variant="pi" textColor="neutral600">
          {item.submitterName ?? ''} 于 {when(item.submittedAt)} 提交审核{item.note ? `：${item.note}` : ''}
        </Typography>
        {returning ? (
          <Box>
            <Typography tag="label" htmlFor={`comment-${item.id}`} fontWeight="bold">
              退回意见（必填）
            </Typography>
            <Textarea
              id={`comment-${item.id}`}
              name="comment"
              value={comment}
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)}
            />
          </Box>
        ) : null}
        {problem ? (
          <Typography variant="pi" textColor="danger600" role="alert">
            {problem}
          </Typography>
        ) : null}
        <Flex gap={2}>
          {returning ? (
            <>
              <Button variant="danger" onClick={() => act('return')} disabled={busy}>
                确认退回
              </Button>
              <Button variant="tertiary" onClick={() => setReturning(false)} disabled={busy}>
                取消
              </Button>
            </>
          ) : (
            <>
              <Button onClick={() => act('approve')} disabled={busy}>
                通过并发布
              </Button>
              <Button variant="secondary" onClick={() => setReturning(true)} disabled={busy}>
                退回
              </Button>
            </>
          )}
        </Flex>
      </Flex>
    </Box>
  );
}

export default function ReviewQueue() {
  const { get } = useFetchClient();
  const [items, setItems] = React.useState<ReviewRequestView[] | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    try {
      setItems((await get<{ data: ReviewRequestView[] }>('/review/queue')).data.data);
      setProblem(null);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, [get]);

  React.useEffect(() => {
    void load();
  }, [load]);

  return (
    <Layouts.Root>
      <Layouts.Header title="待审核" subtitle="信息公开编辑提交的文件：审核（保密审查）通过后发布，或填写意见退回" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {notice ? (
            <Typography textColor="success600" role="status">
              {notice}
            </Typography>
          ) : null}
          {problem ? (
            <Typography textColor="danger600" role="alert">
              {problem}
            </Typography>
          ) : null}
          {items && items.length === 0 ? <Typography>没有待审核的文件。</Typography> : null}
          {items?.map((item) => (
            <QueueItem
              key={item.id}
              item={item}
              onDone={(message) => {
                setNotice(message);
                void load();
              }}
            />
          ))}
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
