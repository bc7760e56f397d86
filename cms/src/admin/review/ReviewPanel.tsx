import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { reviewedTypes } from '@portal/shared';
import { messageOf, when, type DocumentReview, type LiveStatus } from './api';

/*
 * The edit view's 审核与上线 panel: whether this document's agency requires review, its latest
 * review (state, the reviewer's comment), 提交审核 for an editor, and, once it is published,
 * whether the portal shows it: 正在构建… → 已上线 with its address, or the build's failure, read
 * from the publisher through the CMS (GET /review/live/…), polled while a build is under way.
 */

type Props = {
  model: string;
  documentId?: string;
  document?: { status?: string; updatedAt?: string } & Record<string, unknown>;
  meta?: { availableStatus?: Array<{ publishedAt?: string | null }> };
};

const POLL_MS = 1500;
/** A build that has not come in this long is not coming by itself (no webhook, publisher stopped). */
const GIVE_UP_MS = 5 * 60 * 1000;

function publishedAtOf(props: Props): string | null {
  const fromMeta = props.meta?.availableStatus?.find((v) => v.publishedAt)?.publishedAt ?? null;
  const own = typeof props.document?.publishedAt === 'string' ? props.document.publishedAt : null;
  return own ?? fromMeta;
}

function LiveLine({ live }: { live: LiveStatus | null }) {
  if (!live || live.state === 'unknown')
    return live ? (
      <Typography variant="pi" textColor="neutral600">
        {live.message}
      </Typography>
    ) : null;
  if (live.state === 'live') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography fontWeight="bold" textColor="success600" data-live-state="live">
          已上线
        </Typography>
        {live.url ? (
          <a href={live.url} target="_blank" rel="noreferrer" data-live-url>
            {live.url}
          </a>
        ) : null}
      </Flex>
    );
  }
  return (
    <Typography fontWeight="bold" textColor={live.state === 'failed' ? 'danger600' : 'neutral700'} data-live-state={live.state}>
      {live.message}
    </Typography>
  );
}

function ReviewPanelContent(props: Props) {
  const { model, documentId } = props;
  const { get, post } = useFetchClient();
  const [review, setReview] = React.useState<DocumentReview | null>(null);
  const [live, setLive] = React.useState<LiveStatus | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const publishedAt = publishedAtOf(props);

  const load = React.useCallback(async () => {
    if (!documentId) return;
    try {
      setReview((await get<{ data: DocumentReview }>(`/review/documents/${model}/${documentId}`)).data.data);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, [get, model, documentId]);

  React.useEffect(() => {
    void load();
  }, [load, props.document?.updatedAt, props.document?.status]);

  // After a publish (a new publishedAt), follow the build until it is live or has failed.
  React.useEffect(() => {
    if (!documentId || !publishedAt) {
      setLive(null);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const since = Date.now();
    const poll = async () => {
      let next: LiveStatus;
      try {
        next = (await get<{ data: LiveStatus }>(`/review/live/${model}/${documentId}`)).data.data;
      } catch (error) {
        next = { state: 'unknown', message: messageOf(error) };
      }
      if (stopped) return;
      setLive(next);
      if (next.state === 'building' && Date.now() - since > GIVE_UP_MS) {
        setLive({ state: 'unknown', message: '超过 5 分钟仍未构建完成：请刷新页面查看，或联系系统管理员检查发布服务' });
        return;
      }
      if (next.state === 'building') timer = setTimeout(poll, POLL_MS);
    };
    setLive({ state: 'building', message: '正在构建…' });
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [get, model, documentId, publishedAt]);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await post(`/review/requests`, { contentType: model, documentId });
      await load();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (!documentId) return <Typography variant="pi">保存草稿后可提交审核。</Typography>;
  const request = review?.request;
  const pending = request?.state === 'pending';
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-review-panel>
      {review ? (
        <Typography variant="pi" textColor="neutral600">
          {review.requireReview
            ? `${review.agencyName ? `「${review.agencyName}」` : '本机构'}要求发布前经审核人审核（保密审查）。`
            : `${review.agencyName ? `「${review.agencyName}」` : '本机构'}允许编辑直接发布。`}
        </Typography>
      ) : null}
      {request ? (
        <Box data-review-state={request.state}>
          <Typography fontWeight="bold">审核状态：{request.stateLabel}</Typography>
          <Typography variant="pi" textColor="neutral600" tag="p">
            {request.submitterName ?? ''} 于 {when(request.submittedAt)} 提交
            {request.reviewedAt
              ? `；${request.reviewerName ?? ''} 于 ${when(request.reviewedAt)} ${request.state === 'returned' ? '退回' : '审核通过'}`
              : ''}
          </Typography>
          {request.comment ? (
            <Typography variant="pi" tag="p" data-review-comment>
              审核意见：{request.comment}
            </Typography>
          ) : null}
        </Box>
      ) : null}
      {review?.requireReview && !review.reviewer ? (
        <Button onClick={submit} disabled={busy || pending} fullWidth>
          {pending ? '已提交审核，等待审核' : '提交审核'}
        </Button>
      ) : null}
      {problem ? (
        <Typography variant="pi" textColor="danger600" role="alert">
          {problem}
        </Typography>
      ) : null}
      {publishedAt ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            门户
          </Typography>
          <LiveLine live={live} />
        </Box>
      ) : null}
    </Flex>
  );
}

/** The panel, for the types that pass through review (the others get none). */
export function ReviewPanel(props: Props) {
  if (!(props.model in reviewedTypes)) return null;
  return { title: '审核与上线', content: <ReviewPanelContent {...props} /> };
}
