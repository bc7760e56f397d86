import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::policy-interpretation.policy-interpretation');
