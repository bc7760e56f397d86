import type { APIRoute } from 'astro';
import { agencies, policies, type Agency } from '../../../lib/content.ts';
import { atomFeed, atomHeaders } from '../../../lib/feeds.ts';
import { urls } from '../../../lib/urls.ts';

/** One feed per agency: the policy items it published (possibly none yet: a subscriber can still wait for them). */
export async function getStaticPaths() {
  return (await agencies()).map((agency) => ({ params: { slug: agency.slug }, props: { agency } }));
}

export const GET: APIRoute<{ agency: Agency }> = async ({ props: { agency }, site }) =>
  new Response(
    atomFeed({
      title: `${agency.name} · 政策文件`,
      path: urls.agencyFeed(agency.slug),
      site: site!,
      policies: (await policies()).filter((p) => p.agency?.slug === agency.slug),
    }),
    { headers: atomHeaders },
  );
