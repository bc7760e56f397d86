import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::policy-item.policy-item');
