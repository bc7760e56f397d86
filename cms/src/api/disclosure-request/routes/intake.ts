/*
 * The portal's on-demand /apply/ routes call these two server to server. They are not public:
 * the caller must hold APPLY_SECRET (cms/src/requests/intake.ts), and no other route of this type
 * exists (no REST CRUD, no GraphQL).
 */
export default {
  routes: [
    { method: 'POST', path: '/disclosure-requests/submit', handler: 'intake.submit', config: { auth: false } },
    { method: 'GET', path: '/disclosure-requests/status', handler: 'intake.status', config: { auth: false } },
  ],
};
