import type { Core } from '@strapi/strapi';
import { registerDraftGuard } from './setup/draft-guard';
import { registerAnnualReportValidation } from './validation/annual-report';
import { setupPublicRole } from './setup/permissions';
import { ensureAdminUser } from './setup/admin-user';
import { loadDemoContent } from './demo/seed';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDraftGuard(strapi);
    registerAnnualReportValidation(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await setupPublicRole(strapi);
    await ensureAdminUser(strapi);
    if (process.env.DEMO_CONTENT !== 'false') await loadDemoContent(strapi);
  },
};
