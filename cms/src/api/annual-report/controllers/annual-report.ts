import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::annual-report.annual-report');
