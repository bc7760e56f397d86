import type { Core } from '@strapi/strapi';
import { registerDraftGuard } from './setup/draft-guard';
import { registerAnnualReportValidation } from './validation/annual-report';
import { registerPublishPaths } from './validation/publish-paths';
import { setupPublicRole } from './setup/permissions';
import { ensureAdminUser } from './setup/admin-user';
import { loadDemoContent } from './demo/seed';
import { registerAuditLog } from './audit/middleware';
import { registerGuideRevisions } from './revisions/disclosure-guide';
import { setupEditorialRoles } from './setup/roles';
import { setupPortalWebhook } from './setup/webhooks';
import { setupAdminLabels } from './setup/admin-labels';
import { registerUploadGuard } from './security/uploads';
import { registerPasswordPolicy } from './security/passwords';
import { registerDisclosureRequests, setupRequestEditView } from './requests/middleware';
import { registerReportDraftRoute } from './requests/report-draft';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDraftGuard(strapi);
    registerPublishPaths(strapi);
    registerAnnualReportValidation(strapi);
    registerGuideRevisions(strapi);
    registerAuditLog(strapi);
    registerUploadGuard(strapi);
    registerPasswordPolicy(strapi);
    registerDisclosureRequests(strapi);
    registerReportDraftRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await setupPublicRole(strapi);
    await setupEditorialRoles(strapi);
    await setupPortalWebhook(strapi);
    await setupAdminLabels(strapi);
    await setupRequestEditView(strapi);
    await ensureAdminUser(strapi);
    if (process.env.DEMO_CONTENT !== 'false') await loadDemoContent(strapi);
  },
};
