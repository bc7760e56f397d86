import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { requestFrom, startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';
import { PREVIEW_TOKEN_LIFESPAN_MS, previewTokenRequest } from '../../cms/src/security/preview-token.ts';

/*
 * The admin side: passwords of at least 12 characters on every path that sets one, the preview
 * token made as `npm start` makes it (scripts/demo.ts) reading drafts of the previewable types and
 * nothing else, and failed logins throttled per IP address whatever account they try.
 */

const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const SHORT = 'Short-Pass1'; // 11 characters: passes Strapi's own rule (8+, upper, lower, digit)
const DRAFT_POLICY = FIXTURE.draftPolicy;

let cms: RunningCms;
let chief: AdminClient;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${cms.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const refusedForLength = (body: any) => {
  expect(body.error.name).toBe('ValidationError');
  expect(body.error.message).toBe(
    '密码太短：管理后台账号的密码至少 12 个字符，现在只有 11 个。请换一个更长的密码（可用几个词组成的短语）。',
  );
};

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  chief = await adminClient(cms.url, admin);
});

afterAll(async () => {
  await cms?.stop();
});

/** An editor account made in code, with a valid password: its id. */
async function editorAccount(email: string): Promise<number> {
  const role = await (cms.strapi as any).service('admin::role').findOne({ code: 'disclosure-editor' });
  const user = await (cms.strapi as any).service('admin::user').create({
    email,
    password: 'Long-Enough-Pass1',
    firstname: '测试',
    lastname: '编辑',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return user.id;
}

describe('admin passwords of at least 12 characters', () => {
  it('are required when an invited user registers', async () => {
    const role = await (cms.strapi as any).service('admin::role').findOne({ code: 'disclosure-editor' });
    const invited = await chief.request('POST', '/admin/users', {
      firstname: '新',
      lastname: '编辑',
      email: 'invited@example.com',
      roles: [role.id],
    });
    expect(invited.status).toBe(201);
    const registrationToken = invited.body.data.registrationToken;
    const short = await post('/admin/register', { registrationToken, userInfo: { firstname: '新', lastname: '编辑', password: SHORT } });
    expect(short.status).toBe(400);
    refusedForLength(await short.json());
    const long = await post('/admin/register', {
      registrationToken,
      userInfo: { firstname: '新', lastname: '编辑', password: 'Long-Enough-Pass1' },
    });
    expect(long.status).toBe(200);
  });

  it('are required when a user changes their own password, and when an administrator sets one', async () => {
    const otherId = await editorAccount('other-editor@example.com');
    const me = await chief.request('PUT', '/admin/users/me', { currentPassword: admin.password, password: SHORT });

    expect(me.status).toBe(400);
    refusedForLength(me.body);
    // Refused before Strapi ends the sessions of a password change: still logged in.
    expect((await chief.request('GET', '/admin/users/me')).status).toBe(200);
    const other = await chief.request('PUT', `/admin/users/${otherId}`, { password: SHORT });
    expect(other.status).toBe(400);
    refusedForLength(other.body);
    expect((await adminClient(cms.url, { email: 'other-editor@example.com', password: 'Long-Enough-Pass1' })).request).toBeTypeOf(
      'function',
    );
  });

  it('are required on reset with a reset token', async () => {
    const resetId = await editorAccount('reset-editor@example.com');
    await cms.strapi.db.query('admin::user').update({
      where: { id: resetId },
      data: { resetPasswordToken: 'test-reset-token', resetPasswordTokenExpiresAt: new Date(Date.now() + 3_600_000) },
    });
    const short = await post('/admin/reset-password', { resetPasswordToken: 'test-reset-token', password: SHORT });
    expect(short.status).toBe(400);
    refusedForLength(await short.json());
  });

  it('are required for the first administrator', async () => {
    await expect(
      (cms.strapi as any).service('admin::user').createFirstAdmin({ email: 'first@example.com', password: SHORT, firstname: 'a' }),
    ).rejects.toThrow('密码太短');
  });
});

describe('the preview token', () => {
  let token: string;
  let expiresAt: string;

  beforeAll(async () => {
    const created = await chief.request('POST', '/admin/api-tokens', previewTokenRequest());
    expect(created.status).toBe(201);
    token = created.body.data.accessKey;
    expiresAt = created.body.data.expiresAt;
  });

  it('lets the preview route read a draft with the portal’s own query', async () => {
    const draft = await cms.strapi
      .documents('api::policy-item.policy-item')
      .findFirst({ status: 'draft', filters: { title: DRAFT_POLICY } });
    Object.assign(process.env, { CMS_URL: cms.url, PREVIEW_API_TOKEN: token });
    const { fetchDraft } = await import('../../site/src/lib/preview.ts');
    const read = await fetchDraft('policies', draft.documentId);
    expect(read?.type).toBe('policies');
    const data = read?.type === 'policies' ? read.data : undefined;
    expect(data?.title).toBe(DRAFT_POLICY);
    expect(data?.agency?.name).toBeTruthy();
  });

  it('cannot read the audit log, users or tokens', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${cms.url}/api/audit-entries`, { headers: auth })).status).toBe(403);
    const viaGraphql = await graphql(cms.url, '{ auditEntries { userEmail } }', {}, auth);
    expect(viaGraphql.data?.auditEntries ?? null).toBeNull();
    expect(viaGraphql.errors?.[0]?.message).toMatch(/Forbidden|Cannot query field/);
    expect((await fetch(`${cms.url}/api/users`, { headers: auth })).status).toBe(403);
    expect((await fetch(`${cms.url}/admin/api-tokens`, { headers: auth })).status).toBe(401);
  });

  it('expires after 7 days', () => {
    const left = new Date(expiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(PREVIEW_TOKEN_LIFESPAN_MS - 60_000);
    expect(left).toBeLessThanOrEqual(PREVIEW_TOKEN_LIFESPAN_MS);
  });
});

describe('admin login throttled per IP', () => {
  it('answers 429 in Chinese after 10 failures from one address, whatever accounts they tried', async () => {
    // From an address of its own: the other tests' logins (127.0.0.1) stay unthrottled, whatever the order.
    const guesser = '127.0.0.3';
    const login = (body: unknown) =>
      requestFrom(guesser, `${cms.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 0; i < 10; i++) {
      const response = await login({ email: `guess${i}@example.com`, password: 'Wrong-Password-1' });
      expect(response.status, `attempt ${i + 1}`).toBe(400);
    }
    const blocked = await login(admin);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Per address: the suite's own address still logs in.
    expect((await post('/admin/login', admin)).status).toBe(200);
    const body = JSON.parse(blocked.body) as any;
    expect(body.error.message).toMatch(/^登录失败次数过多：此地址 15 分钟内已失败 10 次，请 \d+ 分钟后再试/);
  });
});
