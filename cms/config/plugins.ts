import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: false,
      // Strapi's default maxLimit is unbounded: a single anonymous query could read everything.
      defaultLimit: 100,
      maxLimit: 500,
      depthLimit: 8,
      apolloServer: { introspection: true },
    },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
});
