import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::guide-revision.guide-revision');
