import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/*
 * Limits that keep one GraphQL request from stalling the CMS (GraphQL Armor, checked at parse and
 * validation time, before anything is resolved), introspection only where asked for, and no
 * publication-state questions from anonymous callers.
 *
 * The portal's own queries (site/src/loaders) use no aliases, reach depth 5 and at most ~800 tokens
 * (a page of 200 documentIds in a filter); the limits leave room above that.
 */

export const GRAPHQL_LIMITS = {
  aliases: 15,
  tokens: 3000,
  depth: 8,
  cost: 20000,
  directives: 20,
} as const;

/** Arguments that tell which documents have unpublished edits or were never published. */
const PUBLICATION_ARGS = new Set(['publicationFilter', 'hasPublishedVersion']);
/** Auth strategies that may ask about publication state (the same that may read drafts). */
const DRAFT_READERS = new Set(['admin', 'admin-token', 'content-api-token']);

function publicationArgumentIn(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    [Kind.ARGUMENT](node) {
      if (PUBLICATION_ARGS.has(node.name.value)) found = node.name.value;
    },
  });
  return found;
}

type RequestContext = { document?: DocumentNode; contextValue?: { state?: { auth?: { strategy?: { name?: string } } } } };

/** Refuses `publicationFilter` / `hasPublishedVersion` for callers that may not read drafts. */
const publicationGuard = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }: RequestContext) {
        const strategy = contextValue?.state?.auth?.strategy?.name;
        if (document && !(strategy && DRAFT_READERS.has(strategy))) {
          const argument = publicationArgumentIn(document);
          if (argument) {
            throw new GraphQLError(`匿名访问不能使用参数 ${argument}：公开接口只提供已发布的内容，请去掉该参数。`, {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        }
      },
    };
  },
};

/** The plugin-graphql `apolloServer` options (merged into Strapi's; arrays are appended). */
export function apolloServerOptions({ introspection }: { introspection: boolean }) {
  const armor = new ApolloArmor({
    maxAliases: { n: GRAPHQL_LIMITS.aliases, exposeLimits: false, errorMessage: `查询被拒绝：别名最多 ${GRAPHQL_LIMITS.aliases} 个，请把查询拆成几次发送。` },
    maxTokens: { n: GRAPHQL_LIMITS.tokens, exposeLimits: false, errorMessage: `查询被拒绝：查询过长（最多 ${GRAPHQL_LIMITS.tokens} 个词法单元），请缩短或拆分查询。` },
    maxDepth: { n: GRAPHQL_LIMITS.depth, exposeLimits: false, errorMessage: `查询被拒绝：嵌套超过 ${GRAPHQL_LIMITS.depth} 层，请减少嵌套。` },
    costLimit: { maxCost: GRAPHQL_LIMITS.cost, exposeLimits: false, errorMessage: `查询被拒绝：查询的复杂度超过上限 ${GRAPHQL_LIMITS.cost}，请减少字段、嵌套或拆分查询。` },
    maxDirectives: { n: GRAPHQL_LIMITS.directives, exposeLimits: false, errorMessage: `查询被拒绝：指令最多 ${GRAPHQL_LIMITS.directives} 个。` },
    blockFieldSuggestion: { enabled: !introspection },
  });
  const protection = armor.protect();
  return {
    introspection,
    // One HTTP request, one operation: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    // The global strapi::cors middleware decides (config/middlewares.ts); Apollo's own would reflect any Origin.
    cors: false,
    plugins: [...protection.plugins, publicationGuard],
    validationRules: protection.validationRules,
  };
}
