import type { Page } from 'playwright-core';
import { ensureCmsBuild, startCmsProcess, temporarySecrets, type CmsProcess } from '../../scripts/cms.ts';

/*
 * The CMS with its admin panel, for browser tests, run the way `npm start` runs it (scripts/cms.ts):
 * `strapi build` when its inputs changed, then `strapi start` on a free port with a temporary
 * SQLite database and fresh secrets. (tests/helpers/cms.ts boots Strapi in-process without the
 * admin panel.)
 */

export const ensureAdminBuild = ensureCmsBuild;

export type RunningAdminCms = Pick<CmsProcess, 'url' | 'stop' | 'output'>;

export function startCmsWithAdmin({
  admin,
  demo = false,
  env = {},
}: {
  admin: { email: string; password: string };
  demo?: boolean;
  /** More environment, e.g. PUBLISHER_WEBHOOK_URL and PUBLISHER_SECRET. */
  env?: Record<string, string>;
}): Promise<RunningAdminCms> {
  return startCmsProcess({
    temporaryDatabase: true,
    env: {
      ...temporarySecrets(),
      DEMO_CONTENT: demo ? 'true' : 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      STRAPI_STARTUP_LOG: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}

/** Logs `page` into the admin panel as a user would, through the login form; resolves once the panel is open. */
export async function logInToAdmin(page: Page, cmsUrl: string, login: { email: string; password: string }): Promise<void> {
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(login.email);
  await page.locator('input[name="password"]').fill(login.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
}
