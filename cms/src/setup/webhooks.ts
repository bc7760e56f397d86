import type { Core } from '@strapi/strapi';

/** The name the portal's webhook goes by in the admin (设置 → Webhooks). */
export const PORTAL_WEBHOOK = '门户发布（自动重建）';
const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish', 'entry.draft-discard'];

type Webhook = { id: number | string; name: string; url: string; headers: Record<string, string>; events: string[]; isEnabled: boolean };
type Store = {
  findWebhooks: () => Promise<Webhook[]>;
  createWebhook: (data: Omit<Webhook, 'id'>) => Promise<Webhook>;
  updateWebhook: (id: Webhook['id'], data: Omit<Webhook, 'id'>) => Promise<Webhook>;
};
type Runner = { add: (w: Webhook) => void; update: (w: Webhook) => void };

/**
 * Points a webhook at the publisher (PUBLISHER_WEBHOOK_URL, with PUBLISHER_SECRET as its
 * Authorization header) so that publishing in the admin rebuilds the portal. Kept in sync at every
 * start; without the variable nothing is configured.
 */
export async function setupPortalWebhook(strapi: Core.Strapi): Promise<void> {
  const url = process.env.PUBLISHER_WEBHOOK_URL;
  if (!url) return;
  const store = strapi.get('webhookStore') as Store;
  const runner = strapi.get('webhookRunner') as Runner;
  const headers: Record<string, string> = process.env.PUBLISHER_SECRET ? { authorization: `Bearer ${process.env.PUBLISHER_SECRET}` } : {};
  const wanted: Omit<Webhook, 'id'> = {
    name: PORTAL_WEBHOOK,
    url,
    headers,
    events: EVENTS,
    isEnabled: true,
  };
  const existing = (await store.findWebhooks()).find((w) => w.name === PORTAL_WEBHOOK);
  if (!existing) runner.add(await store.createWebhook(wanted));
  else if (JSON.stringify({ ...existing, id: undefined }) !== JSON.stringify({ ...wanted, id: undefined })) {
    runner.update(await store.updateWebhook(existing.id, wanted));
  }
}
