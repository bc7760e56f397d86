import type { APIRoute, GetStaticPaths } from 'astro';
import { identifierLookup } from '../../../search/lookup.ts';
import { searchEngineKind } from '../../../search/engine-kind.ts';
import { contentTypes } from '../../../lib/downloads.ts';

/** One shard of the exact 文号/索引号 lookup (search/identifiers.ts), written at build time for the static engine. */
export const getStaticPaths: GetStaticPaths = async () => {
  if (searchEngineKind() !== 'static') return [];
  const { files } = await identifierLookup();
  return [...files.keys()].map((shard) => ({ params: { shard } }));
};

export const GET: APIRoute = async ({ params }) => {
  const { files } = await identifierLookup();
  return new Response(JSON.stringify(files.get(params.shard ?? '') ?? {}), { headers: { 'content-type': contentTypes.json } });
};
