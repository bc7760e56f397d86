import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * A release goes live only if it is plausibly the same site: a build that succeeds on an
 * (almost) empty CMS answer is held back, the live release keeps serving, /status says why, and an
 * operator can force it in. A failed build is retried by itself until the CMS is back. And the
 * publisher works from any folder, also outside the checkout.
 */

const POLICY = 'api::policy-item.policy-item';
const secret = 'release-guard-secret';
let cms: RunningCms;
const started: RunningPublisher[] = [];

beforeAll(async () => {
  cms = await startCms();
});

afterAll(async () => {
  for (const publisher of started) await publisher.stop();
  await cms?.stop();
});

async function publisher(dir?: string): Promise<RunningPublisher> {
  const running = await startPublisher({
    cmsUrl: cms.url,
    secret,
    ports: await reservePorts(),
    env: { PUBLISHER_RETRY_BASE_MS: '1000' },
    ...(dir ? { dir } : {}),
  });
  started.push(running);
  return running;
}

const policyIds = async () =>
  ((await cms.strapi.documents(POLICY).findMany({ status: 'published', fields: ['documentId'] })) as Array<{ documentId: string }>).map(
    (p) => p.documentId,
  );

describe('a publisher whose folder is outside the checkout', () => {
  it('builds, starts the release server and serves the portal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-publisher-'));
    const outside = await publisher(dir);
    const status = await outside.settled();
    expect(status.lastBuild?.error ?? '').toBe('');
    expect(status.lastBuild?.ok).toBe(true);
    expect(status.current).toBe(status.lastBuild?.id);
    const [first] = await policyIds();
    expect((await fetch(`${outside.portalUrl}/policies/${first}/`)).status).toBe(200);
    await outside.stop();
    started.splice(started.indexOf(outside), 1);
  });
});

describe('a release far smaller than the live one', () => {
  let live: RunningPublisher;
  let goodId: string;
  let firstPolicy: string;

  it('is kept aside while the live release keeps serving, and /status says why', async () => {
    live = await publisher();
    const good = await live.settled();
    expect(good.lastBuild?.ok).toBe(true);
    goodId = good.current!;
    const ids = await policyIds();
    expect(ids.length).toBeGreaterThanOrEqual(5);
    firstPolicy = ids[0]!;

    // The CMS answers, but with no policy documents (as a wrong database or a failed restore would).
    for (const documentId of ids) await cms.strapi.documents(POLICY).delete({ documentId });
    expect((await live.signal()).status).toBe(202);
    const held = await live.settled(goodId);
    expect(held.current).toBe(goodId);
    expect(held.state).toBe('held');
    expect(held.held?.id).toBe(held.lastBuild?.id);
    expect(held.held?.size.documents).toBe(0);
    expect(held.held?.live.documents).toBe(ids.length);
    expect(held.message).toMatch(/政策文件.*未上线/);
    expect(held.lastBuild?.ok).toBe(false);
    expect(held.retry.nextRetryAt).toBeNull(); // the same answer would give the same release
    expect(held.releases).toContain(held.held!.id);
    expect((await fetch(`${live.portalUrl}/policies/${firstPolicy}/`)).status).toBe(200);
  });

  it('goes live when an operator forces it with the publisher secret', async () => {
    const heldId = (await live.status()).held!.id;
    const force = (authorization: string, body: unknown = {}) =>
      fetch(`${live.controlUrl}/releases/activate`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await force('Bearer wrong')).status).toBe(401);
    expect((await live.status()).current).toBe(goodId);
    const wrongId = await force(`Bearer ${secret}`, { release: '20000101T000000000Z' });
    expect(wrongId.status).toBe(409);
    expect(((await wrongId.json()) as { error: string }).error).toContain(heldId);

    const forced = await force(`Bearer ${secret}`, { release: heldId });
    expect(forced.status).toBe(200);
    const after = await live.status();
    expect(after.current).toBe(heldId);
    expect(after.held).toBeNull();
    expect(after.state).toBe('ok');
    expect(after.retry.attempts).toBe(0);
    expect((await fetch(`${live.portalUrl}/policies/${firstPolicy}/`)).status).toBe(404);
    expect((await force(`Bearer ${secret}`)).status).toBe(409); // nothing held any more
  });
});

describe('a build that fails while the CMS is down', () => {
  it('is retried on its own with backoff and goes live once the CMS answers, with no new signal', async () => {
    const live = started.at(-1)!;
    const before = await live.status();
    const http = cms.strapi.server.httpServer;
    const port = (http.address() as AddressInfo).port;
    await new Promise((resolve) => http.close(resolve));
    http.closeAllConnections?.();
    try {
      expect((await live.signal()).status).toBe(202);
      const failed = await live.settled(before.lastBuild!.id);
      expect(failed.lastBuild?.ok).toBe(false);
      expect(failed.state).toBe('retrying');
      expect(failed.cms.reachable).toBe(false);
      expect(failed.retry.lastError).toContain('内容管理系统（CMS_URL）无法访问');
      expect(failed.retry.attempts).toBe(1);
      expect(failed.current).toBe(before.current);
      const signals = failed.signals;
      // Let a retry or two fail too: the count grows, the wait doubles.
      const deadline = Date.now() + 60_000;
      let again = failed;
      while (again.retry.attempts < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        again = await live.status();
      }
      expect(again.retry.attempts).toBeGreaterThanOrEqual(2);
      expect(again.signals).toBe(signals);
    } finally {
      await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    }
    const until = Date.now() + 120_000;
    let recovered = await live.status();
    while (!(recovered.lastBuild?.ok && recovered.current === recovered.lastBuild.id) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      recovered = await live.status();
    }
    expect(recovered.lastBuild?.ok).toBe(true);
    expect(recovered.current).toBe(recovered.lastBuild?.id);
    expect(recovered.current).not.toBe(before.current);
    expect(recovered.state).toBe('ok');
    expect(recovered.retry).toEqual({ attempts: 0, nextRetryAt: null, lastError: null });
  });
});
