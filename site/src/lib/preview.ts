import type { PreviewType } from '@portal/shared';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { z } from 'astro/zod';
import { AnnualReportDraftDocument, PolicyInterpretationDraftDocument, PolicyItemDraftDocument } from '../graphql/generated/operations.ts';
import { cmsClient } from '../loaders/client.ts';
import { interpretationSchema, policySchema, reportSchema } from '../loaders/schemas.ts';

/*
 * Reads one draft for the preview route: the same fragment the loaders' queries use, parsed by the
 * same schema as the collection, so the page renders exactly as the published one would, through
 * an API token (the only credential besides an admin session that may read drafts, see
 * cms/src/setup/draft-guard.ts).
 */

// The draft queries select the collections' fragments, whose match with these schemas
// loaders/schemas.ts checks.
type Draft<S extends z.ZodType> = { document: TypedDocumentNode<{ draft: object | null }, { documentId: string }>; schema: S };
const draft = <S extends z.ZodType>(document: Draft<S>['document'], schema: S): Draft<S> => ({ document, schema });

const drafts = {
  policies: draft(PolicyItemDraftDocument, policySchema),
  interpretations: draft(PolicyInterpretationDraftDocument, interpretationSchema),
  reports: draft(AnnualReportDraftDocument, reportSchema),
} satisfies Record<PreviewType, unknown>;

export type PreviewDraft = { [T in PreviewType]: { type: T; data: z.output<(typeof drafts)[T]['schema']> } }[PreviewType];

export function isPreviewType(type: string | undefined): type is PreviewType {
  return type !== undefined && Object.hasOwn(drafts, type);
}

async function read<S extends z.ZodType>({ document, schema }: Draft<S>, documentId: string, token: string): Promise<z.output<S> | null> {
  const result = await cmsClient({ authorization: `Bearer ${token}` }).request(document, { documentId });
  return result.draft ? schema.parse(result.draft) : null;
}

/** The draft of one document, or null when there is none (or no preview token is configured). */
export async function fetchDraft(type: PreviewType, documentId: string): Promise<PreviewDraft | null> {
  const token = process.env.PREVIEW_API_TOKEN;
  if (!token) return null;
  switch (type) {
    case 'policies': {
      const data = await read(drafts.policies, documentId, token);
      return data && { type, data };
    }
    case 'interpretations': {
      const data = await read(drafts.interpretations, documentId, token);
      return data && { type, data };
    }
    case 'reports': {
      const data = await read(drafts.reports, documentId, token);
      return data && { type, data };
    }
  }
}
