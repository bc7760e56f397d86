import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::policy-item.policy-item');
