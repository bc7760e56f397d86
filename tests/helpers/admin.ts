/** The CMS admin API as the admin panel calls it: log in, then the content-manager routes. */
export type AdminClient = {
  request: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  create: (uid: string, data: unknown) => Promise<{ status: number; body: any }>;
  update: (uid: string, documentId: string, data: unknown) => Promise<{ status: number; body: any }>;
  publish: (uid: string, documentId: string, data?: unknown) => Promise<{ status: number; body: any }>;
};

export async function adminClient(url: string, credentials: { email: string; password: string }): Promise<AdminClient> {
  const login = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (login.status !== 200) throw new Error(`管理员登录失败：${login.status}`);
  const token = ((await login.json()) as { data: { token: string } }).data.token;
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const base = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    request,
    create: (uid, data) => request('POST', base(uid), data),
    update: (uid, documentId, data) => request('PUT', `${base(uid)}/${documentId}`, data),
    publish: (uid, documentId, data = {}) => request('POST', `${base(uid)}/${documentId}/actions/publish`, data),
  };
}
