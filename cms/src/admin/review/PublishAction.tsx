import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { reviewedTypes } from '@portal/shared';
import type { DocumentReview } from './api';

type Apis = ContentManagerPlugin['config']['apis'];
type DocumentAction = Parameters<Apis['addDocumentAction']>[0] extends infer A ? (A extends Array<infer C> ? C : never) : never;

/** The document's review setting as the review routes tell it (null while loading, or for other types). */
export function useDocumentReview(model: string, documentId: string | undefined, refresh?: unknown): DocumentReview | null {
  const { get } = useFetchClient();
  const [review, setReview] = React.useState<DocumentReview | null>(null);
  React.useEffect(() => {
    if (!documentId || !(model in reviewedTypes)) {
      setReview(null);
      return;
    }
    let stopped = false;
    get<{ data: DocumentReview }>(`/review/documents/${model}/${documentId}`)
      .then((response) => {
        if (!stopped) setReview(response.data.data);
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [get, model, documentId, refresh]);
  return review;
}

/**
 * Strapi's 发布, disabled for an editor where the agency requires review (the server refuses it
 * anyway, on every path): the editor submits from the 审核与上线 panel instead.
 */
export function withReview(Publish: DocumentAction): DocumentAction {
  const Wrapped = ((props: Parameters<DocumentAction>[0]) => {
    const description = Publish(props);
    const review = useDocumentReview(props.model, props.documentId, props.document?.updatedAt);
    if (!description || !review?.requireReview || review.reviewer) return description;
    return { ...description, disabled: true, label: '发布（须经审核）' };
  }) as DocumentAction;
  Object.assign(Wrapped, { type: Publish.type, position: Publish.position });
  return Wrapped;
}
