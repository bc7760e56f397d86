import type { Core } from '@strapi/strapi';
import { registerDraftGuard } from './setup/draft-guard';
import { registerAnnualReportValidation } from './validation/annual-report';
import { registerPublishPaths } from './validation/publish-paths';
import { registerPolicyItemValidation } from './validation/policy-item';
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
import { registerCatalogImportRoutes } from './import/catalog-routes';
import { registerArchivePermission, setupArchiveLayout } from './validation/archive';
import { registerReportImportRoutes } from './import/report-routes';
import { registerReview } from './review';
import { registerAgencyScoping } from './scoping/agency-scope';
import { registerDisclosureRequests, setupRequestEditView } from './requests/middleware';
import { registerReportDraftRoute } from './requests/report-draft';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Before the admin's bootstrap, which drops stored permissions of actions not registered yet.
    await registerArchivePermission(strapi);
    registerDraftGuard(strapi);
    registerPublishPaths(strapi);
    registerAnnualReportValidation(strapi);
    registerPolicyItemValidation(strapi);
    registerGuideRevisions(strapi);
    registerAuditLog(strapi);
    registerUploadGuard(strapi);
    registerPasswordPolicy(strapi);
    registerCatalogImportRoutes(strapi);
    registerReportImportRoutes(strapi);
    // After the audit log: a publish refused for want of review is not recorded as done.
    // Editors work on their agencies' documents only (the RBAC condition and the write check); before
    // the review guard, so a move out of an agency that requires review is refused as such first.
    await registerAgencyScoping(strapi);
    registerReview(strapi);
    registerDisclosureRequests(strapi);
    registerReportDraftRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await setupPublicRole(strapi);
    await setupEditorialRoles(strapi);
    await setupPortalWebhook(strapi);
    await setupAdminLabels(strapi);
    await setupArchiveLayout(strapi);
    await setupRequestEditView(strapi);
    await ensureAdminUser(strapi);
    if (process.env.DEMO_CONTENT !== 'false') await loadDemoContent(strapi);
  },
};
