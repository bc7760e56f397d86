import { ClientError, GraphQLClient } from 'graphql-request';

/**
 * The portal's one door to the CMS: GraphQL over HTTP, anonymous, as any member of the public
 * would call it. Errors come out as one typed error with a Chinese message.
 */

export class CmsError extends Error {
  override name = 'CmsError';
}

export function cmsUrl(): string {
  return (process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/$/, '');
}

function client(): GraphQLClient {
  return new GraphQLClient(`${cmsUrl()}/graphql`, { headers: { 'user-agent': 'portal-build' } });
}

type PageInfo = { page: number; pageCount: number; total: number };

/**
 * Reads every document of a collection through `<field>_connection`, page by page, until the last
 * page. `selection` is the GraphQL selection of one node.
 */
export function fetchAll<T>(field: string, selection: string, pageSize = 100): Promise<T[]> {
  return fetchWhere<T>(field, selection, undefined, pageSize);
}

/** A JSON value written as a GraphQL input literal (keys bare, strings quoted). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** Like fetchAll, for the documents matching a `filters` value (Strapi's filter syntax). */
export async function fetchWhere<T>(field: string, selection: string, filters: unknown, pageSize = 100): Promise<T[]> {
  const where = filters === undefined ? '' : `, filters: ${literal(filters)}`;
  const query = `query Page($page: Int!, $pageSize: Int!) {
    ${field}_connection(pagination: { page: $page, pageSize: $pageSize }, sort: ["documentId:asc"]${where}) {
      nodes { ${selection} }
      pageInfo { page pageCount total }
    }
  }`;
  const nodes: T[] = [];
  for (let page = 1; ; page++) {
    let result: Record<string, { nodes: T[]; pageInfo: PageInfo }>;
    try {
      result = await client().request(query, { page, pageSize });
    } catch (error) {
      const detail = error instanceof ClientError ? error.response.errors?.map((e) => e.message).join('；') : String(error);
      throw new CmsError(`读取内容管理系统的“${field}”失败（${cmsUrl()}/graphql）：${detail}`);
    }
    const connection = result[`${field}_connection`]!;
    nodes.push(...connection.nodes);
    if (connection.pageInfo.pageCount <= page) return nodes;
  }
}
