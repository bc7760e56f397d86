import { GraphQLClient } from 'graphql-request';
import type { PreviewType } from '@portal/shared';
import { cmsUrl } from '../loaders/client.ts';
import { selections } from '../loaders/collections.ts';

/*
 * Reads one draft for the preview route: the same selection the loaders use, so the page renders
 * exactly as the published one would, through an API token (the only credential besides an admin
 * session that may read drafts, see cms/src/setup/draft-guard.ts).
 */

const queries: Record<PreviewType, { field: string; selection: string }> = {
  policies: { field: 'policyItem', selection: selections.policyItems },
  interpretations: { field: 'policyInterpretation', selection: selections.policyInterpretations },
  reports: { field: 'annualReport', selection: selections.annualReports },
};

export function isPreviewType(type: string | undefined): type is PreviewType {
  return type !== undefined && Object.hasOwn(queries, type);
}

export async function fetchDraft<T>(type: PreviewType, documentId: string): Promise<T | null> {
  const token = process.env.PREVIEW_API_TOKEN;
  if (!token) return null;
  const { field, selection } = queries[type];
  const client = new GraphQLClient(`${cmsUrl()}/graphql`, { headers: { authorization: `Bearer ${token}` } });
  const result = await client.request<Record<string, T | null>>(`query Draft($id: ID!) { ${field}(documentId: $id, status: DRAFT) { ${selection} } }`, {
    id: documentId,
  });
  return result[field] ?? null;
}
