import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { reviewedTypes } from '@portal/shared';

type Scope = { scoped: boolean; agencies: Array<{ documentId: string; name: string }>; message: string | null };

/**
 * Above the list of a document type limited to the user's agencies (cms/src/scoping/): a user who
 * is assigned to no agency sees an empty list, and this says why and what to do.
 */
export function ScopeNotice() {
  const { slug } = useParams<{ slug?: string }>();
  const { get } = useFetchClient();
  const [scope, setScope] = React.useState<Scope | null>(null);
  const limited = typeof slug === 'string' && slug in reviewedTypes;
  React.useEffect(() => {
    if (!limited) return;
    let live = true;
    get<{ data: Scope }>('/agency-scope/me')
      .then(({ data }) => {
        if (live) setScope(data.data);
      })
      .catch(() => {
        if (live) setScope(null);
      });
    return () => {
      live = false;
    };
  }, [get, limited]);
  if (!limited || !scope?.scoped || scope.agencies.length > 0 || !scope.message) return null;
  return (
    <Typography role="status" data-testid="agency-scope-notice" textColor="danger600" fontWeight="bold">
      {scope.message}
    </Typography>
  );
}
