import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::guide-revision.guide-revision');
