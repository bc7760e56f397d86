import type { Core } from '@strapi/strapi';
import { registerReviewGuard } from './guard';
import { registerReviewRoutes } from './routes';
import { REVIEW_UID } from './workflow';

/** 保密审查 before publishing: the publish guard, the review routes, and the private 审核记录. */
export function registerReview(strapi: Core.Strapi): void {
  registerReviewGuard(strapi);
  registerReviewRoutes(strapi);
  const graphql = strapi.plugin('graphql') as
    { service: (name: string) => { shadowCRUD: (uid: string) => { disable: () => void } } } | undefined;
  graphql?.service('extension').shadowCRUD(REVIEW_UID).disable();
}
