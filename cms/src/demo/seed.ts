import type { Core } from '@strapi/strapi';
import { templateVersionForYear } from '@portal/shared';
import { paragraphs } from './blocks';
import { agencies, education2021, guides, interpretations, pendingEdit, policies, type AgencySeed, type PolicySeed } from './content';
import { jingzhong2020 } from './jingzhong-2020';
import { loadDemoRequests } from '../requests/demo';

/*
 * One loader, several content sets: the demo's (below) on the first start of `npm start`, and the
 * tests' own (tests/fixtures/content.ts), written through the same Document Service calls so that
 * what the tests see is what an editor's content would be.
 */

/** A set's policies name their agency by its slug, whatever slugs the set has. */
type PolicyOf = Omit<PolicySeed, 'agency'> & { agency: string };

export type InterpretationSeed = {
  title: string;
  form: string;
  agency: string;
  publishDate: string;
  summary: string;
  body: string[];
  /** Keys of the policies it interprets. */
  policies: string[];
  draft?: boolean;
};

export type GuideSeed = { agency: string; orgName: string; revisedAt: string } & Record<string, unknown>;

export type ReportSeed = { agency: string; report: { year: number; title: string } & Record<string, unknown> };

export type ContentSet = {
  agencies: readonly AgencySeed[];
  policies: readonly PolicyOf[];
  /** Published policies whose newer edit is left as a draft (the public must keep seeing the published text). */
  pendingEdits?: ReadonlyArray<{ policy: string; title: string }>;
  interpretations: readonly InterpretationSeed[];
  guides: readonly GuideSeed[];
  /** Published annual reports; the template version follows from the year. */
  reports: readonly ReportSeed[];
  /** Whatever else the set writes once its agencies exist (the demo: its calendar and requests). */
  also?: (strapi: Core.Strapi, agencyId: (slug: string) => string) => Promise<void>;
};

export const demoContent: ContentSet = {
  agencies,
  policies,
  pendingEdits: [pendingEdit],
  interpretations,
  guides,
  reports: [
    { agency: 'jingzhong', report: jingzhong2020 },
    { agency: 'education', report: education2021 },
  ],
  also: (strapi, agencyId) => loadDemoRequests(strapi, agencyId('jingzhong')),
};

/**
 * Loads a content set once, on the first start of an empty database (any agency present means
 * the content is there or an editor has started: either way, nothing is written). Answers whether
 * it wrote anything.
 */
export async function loadContent(strapi: Core.Strapi, content: ContentSet): Promise<boolean> {
  const agencyDocs = strapi.documents('api::agency.agency');
  if ((await agencyDocs.count({})) > 0) return false;

  const agencyIds = new Map<string, string>();
  for (const { parent, ...agency } of content.agencies) {
    const created = await agencyDocs.create({
      data: {
        ...agency,
        indexPrefix: agency.creditCode,
        description: `${agency.name}。（演示数据：机构代码与联系方式为虚构。）`,
        // The editors publish directly; an agency that requires review is one switch away (需经审核后发布).
        requireReview: false,
        ...(parent ? { parent: agencyIds.get(parent) } : {}),
      },
      status: 'published',
    } as never);
    agencyIds.set(agency.slug, created.documentId);
  }
  const agencyId = (slug: string) => {
    const id = agencyIds.get(slug);
    if (!id) throw new Error(`内容集引用了不存在的机构“${slug}”：请先在 agencies 中列出它。`);
    return id;
  };
  const creditCode = (slug: string) => content.agencies.find((a) => a.slug === slug)!.creditCode;

  const policyIds = new Map<string, string>();
  for (const { key, agency, serial, body, draft, replacedBy, ...policy } of content.policies) {
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
  for (const edit of content.pendingEdits ?? []) {
    await strapi.documents('api::policy-item.policy-item').update({
      documentId: policyIds.get(edit.policy)!,
      data: { title: edit.title },
    } as never);
  }

  for (const { agency, body, policies: linked, draft, ...interpretation } of content.interpretations) {
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

  for (const { agency, ...guide } of content.guides) {
    await strapi.documents('api::disclosure-guide.disclosure-guide').create({
      data: { ...guide, agency: agencyId(agency) },
      status: 'published',
    } as never);
  }

  for (const { agency, report } of content.reports) {
    await strapi.documents('api::annual-report.annual-report').create({
      data: { ...report, templateVersion: templateVersionForYear(report.year), agency: agencyId(agency) },
      status: 'published',
    } as never);
  }

  await content.also?.(strapi, agencyId);
  return true;
}

/** The demo content, on the first start of an empty database. */
export async function loadDemoContent(strapi: Core.Strapi): Promise<void> {
  const started = Date.now();
  if (await loadContent(strapi, demoContent)) strapi.log.info(`已载入演示内容（${Date.now() - started} ms）`);
}
