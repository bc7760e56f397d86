import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/*
 * List view columns as the edit view shows them: an enumeration (有效性, 机构类别, 解读形式 …) by its
 * Chinese name (the same admin translation the edit view's select uses), an integer (年度) without
 * a thousands separator. Registered on the content manager's
 * `Admin/CM/pages/ListView/inject-column-in-table` hook.
 */

type Header = { name: string; attribute?: { type?: string }; cellFormatter?: unknown };
type Columns = { displayedHeaders: Header[]; layout: unknown };

function EnumCell({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>;
}

const plain = (value: unknown) => (
  <Typography textColor="neutral800">{value === null || value === undefined ? '-' : String(value)}</Typography>
);

export function labelledColumns({ displayedHeaders, layout }: Columns): Columns {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) => {
      if (header.cellFormatter) return header;
      const field = header.name.split('.')[0]!;
      if (header.attribute?.type === 'enumeration')
        return { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumCell value={row[field]} /> };
      if (header.attribute?.type === 'integer') return { ...header, cellFormatter: (row: Record<string, unknown>) => plain(row[field]) };
      return header;
    }),
  };
}
