import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { ARCHIVE_NOTICE_LEAD, archiveNotice } from '@portal/shared';

/*
 * The edit view's side panel 原样归档 on an annual report archived as published: the kept
 * inconsistencies as the portal prints them (the stored findings of the last save, computed by the
 * server), so the editor sees what the public will read. Nothing for any other report.
 */

type PanelProps = { model: string; document?: Record<string, unknown> };

export function ArchivePanel({ model, document }: PanelProps) {
  if (model !== 'api::annual-report.annual-report' || document?.archivedAsPublished !== true) return null;
  const notice = archiveNotice(true, document.archivedFindings);
  return {
    title: '原样归档',
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} data-archive-panel>
        {notice ? (
          <>
            <Typography variant="pi">{ARCHIVE_NOTICE_LEAD}</Typography>
            {notice.items.map((item, i) => (
              <Typography key={i} variant="pi" textColor="danger700">
                {item.message}
              </Typography>
            ))}
          </>
        ) : (
          <Typography variant="pi">按原发布内容存档；原报告数据没有勾稽关系不一致。</Typography>
        )}
      </Flex>
    ),
  };
}
