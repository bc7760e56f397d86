import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

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
  /** Estimated result objects (list sizes multiplied along each path), see estimateObjects. */
  objects: 200_000,
} as const;

/** Strapi's page sizes (config/plugins.ts): lists without `pagination` get the default. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

type Variables = Record<string, unknown>;

function valueOf(node: ValueNode | undefined, variables: Variables): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
    default:
      return undefined;
  }
}

/** How many items a list field may return, from its `pagination` argument. */
function pageSizeOf(args: readonly ArgumentNode[] | undefined, variables: Variables): number {
  const pagination = valueOf(args?.find((a) => a.name.value === 'pagination')?.value, variables) as
    { pageSize?: unknown; limit?: unknown } | undefined;
  const asked = Number(pagination?.pageSize ?? pagination?.limit ?? DEFAULT_LIMIT);
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : MAX_LIMIT;
}

type Walk = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; variables: Variables };

function estimate(
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  multiplier: number,
  connectionSize: number | undefined,
  walk: Walk,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      let size = multiplier;
      if (isListType(getNullableType(field.type)) && isObjectType(named)) {
        size *=
          selection.name.value === 'nodes' && connectionSize !== undefined
            ? connectionSize
            : pageSizeOf(selection.arguments, walk.variables);
      }
      // Scalars come with their object; each object (or list item) is what costs a resolver and a row.
      if (isObjectType(named) || isInterfaceType(named)) total += size;
      if (selection.selectionSet) {
        const connection = selection.name.value.endsWith('_connection') ? pageSizeOf(selection.arguments, walk.variables) : undefined;
        total += estimate(selection.selectionSet, named, size, connection, walk);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      total += estimate(selection.selectionSet, type, multiplier, connectionSize, walk);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment)
        total += estimate(fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value), multiplier, connectionSize, walk);
    }
  }
  return total;
}

/**
 * The number of objects an operation may return at most: each list multiplies what is below it by
 * its page size (`pagination`, else Strapi's default of 100, at most maxLimit 500). Armor's cost
 * limit does not see page sizes, so 15 aliases of a list of 500 policies each with their agency's
 * 500 policies pass it; this does not. The portal's largest query (a page of 500
 * guides or policies with every field the portal reads) estimates ~102,000.
 */
export function estimateObjects(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables = {},
): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return estimate(operation.selectionSet, root ?? undefined, 1, undefined, { schema, fragments, variables });
}

type Operation = {
  schema?: GraphQLSchema;
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  request?: { variables?: Variables };
};

const objectBudget = (limit: number) => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }: Operation) {
        if (!schema || !document || !operation) return;
        const objects = estimateObjects(schema, document, operation, request?.variables ?? {});
        if (objects > limit) {
          throw new GraphQLError(
            `查询被拒绝：按分页大小估算最多会返回约 ${objects.toLocaleString('en-US')} 个对象，超过上限 ${limit.toLocaleString('en-US')}。请减小 pagination.pageSize、减少嵌套的列表或拆分查询。`,
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        }
      },
    };
  },
});

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
    maxAliases: {
      n: GRAPHQL_LIMITS.aliases,
      exposeLimits: false,
      errorMessage: `查询被拒绝：别名最多 ${GRAPHQL_LIMITS.aliases} 个，请把查询拆成几次发送。`,
    },
    maxTokens: {
      n: GRAPHQL_LIMITS.tokens,
      exposeLimits: false,
      errorMessage: `查询被拒绝：查询过长（最多 ${GRAPHQL_LIMITS.tokens} 个词法单元），请缩短或拆分查询。`,
    },
    maxDepth: {
      n: GRAPHQL_LIMITS.depth,
      exposeLimits: false,
      errorMessage: `查询被拒绝：嵌套超过 ${GRAPHQL_LIMITS.depth} 层，请减少嵌套。`,
    },
    costLimit: {
      maxCost: GRAPHQL_LIMITS.cost,
      exposeLimits: false,
      errorMessage: `查询被拒绝：查询的复杂度超过上限 ${GRAPHQL_LIMITS.cost}，请减少字段、嵌套或拆分查询。`,
    },
    maxDirectives: {
      n: GRAPHQL_LIMITS.directives,
      exposeLimits: false,
      errorMessage: `查询被拒绝：指令最多 ${GRAPHQL_LIMITS.directives} 个。`,
    },
    blockFieldSuggestion: { enabled: !introspection },
  });
  const protection = armor.protect();
  return {
    introspection,
    // One HTTP request, one operation: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    // The global strapi::cors middleware decides (config/middlewares.ts); Apollo's own would reflect any Origin.
    cors: false,
    plugins: [...protection.plugins, publicationGuard, objectBudget(GRAPHQL_LIMITS.objects)],
    validationRules: protection.validationRules,
  };
}
