import type { Core } from '@strapi/strapi';
import { templateVersionForYear } from '@portal/shared';
import { paragraphs } from './blocks';
import { agencies, education2021, guides, interpretations, pendingEdit, policies } from './content';
import { jingzhong2020 } from './jingzhong-2020';
import { loadDemoRequests } from '../requests/demo';

/**
 * Loads the demo content once, on the first start of an empty database (any agency present means
 * the content is there or an editor has started: either way, nothing is written).
 */
export async function loadDemoContent(strapi: Core.Strapi): Promise<void> {
  const agencyDocs = strapi.documents('api::agency.agency');
  if ((await agencyDocs.count({})) > 0) return;
  const started = Date.now();

  const agencyIds = new Map<string, string>();
  for (const { parent, ...agency } of agencies) {
    const created = await agencyDocs.create({
      data: {
        ...agency,
        indexPrefix: agency.creditCode,
        description: `${agency.name}。（演示数据：机构代码与联系方式为虚构。）`,
        // The demo's editors publish directly; an agency that requires review is one switch away (需经审核后发布).
        requireReview: false,
        ...(parent ? { parent: agencyIds.get(parent) } : {}),
      },
      status: 'published',
    } as never);
    agencyIds.set(agency.slug, created.documentId);
  }
  const agencyId = (slug: string) => agencyIds.get(slug)!;
  const creditCode = (slug: string) => agencies.find((a) => a.slug === slug)!.creditCode;

  const policyIds = new Map<string, string>();
  for (const { key, agency, serial, body, draft, replacedBy, ...policy } of policies) {
    const year = policy.writtenDate.slice(0, 4);
    const created = await strapi.documents('api::policy-item.policy-item').create({
      data: {
        ...policy,
        indexNumber: `${creditCode(agency)}/${year}-${String(serial).padStart(5, '0')}`,
        agency: agencyId(agency),
        disclosureMethod: 'proactive',
        body: paragraphs(...body),
        ...(replacedBy ? { replacedBy: policyIds.get(replacedBy)! } : {}),
      },
      ...(draft ? {} : { status: 'published' }),
    } as never);
    policyIds.set(key, created.documentId);
  }
  await strapi.documents('api::policy-item.policy-item').update({
    documentId: policyIds.get(pendingEdit.policy)!,
    data: { title: pendingEdit.title },
  } as never);

  for (const { agency, body, policies: linked, draft, ...interpretation } of interpretations) {
    await strapi.documents('api::policy-interpretation.policy-interpretation').create({
      data: {
        ...interpretation,
        agency: agencyId(agency),
        body: paragraphs(...body),
        policyItems: linked.map((key) => policyIds.get(key)!),
      },
      ...(draft ? {} : { status: 'published' }),
    } as never);
  }

  for (const { agency, ...guide } of guides) {
    await strapi.documents('api::disclosure-guide.disclosure-guide').create({
      data: { ...guide, agency: agencyId(agency) },
      status: 'published',
    } as never);
  }

  for (const [slug, report] of [
    ['jingzhong', jingzhong2020],
    ['education', education2021],
  ] as const) {
    await strapi.documents('api::annual-report.annual-report').create({
      data: { ...report, templateVersion: templateVersionForYear(report.year), agency: agencyId(slug) },
      status: 'published',
    } as never);
  }

  await loadDemoRequests(strapi, agencyId('jingzhong'));

  strapi.log.info(`已载入演示内容（${Date.now() - started} ms）`);
}
