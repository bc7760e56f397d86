import { getCollection, type CollectionEntry } from 'astro:content';

export type Policy = CollectionEntry<'policies'>['data'];
export type Report = CollectionEntry<'reports'>['data'];
export type Agency = CollectionEntry<'agencies'>['data'];
export type GuideRevision = CollectionEntry<'guideRevisions'>['data'];

/** The library's default order: newest 发布日期 first, then by title (lib/catalog.ts sorts with it too). */
export const byPublishDate = (a: Policy, b: Policy) =>
  b.publishDate.localeCompare(a.publishDate) || a.title.localeCompare(b.title, 'zh-CN');

export async function policies(): Promise<Policy[]> {
  return (await getCollection('policies')).map((e) => e.data).sort(byPublishDate);
}

export async function reports(): Promise<Report[]> {
  return (await getCollection('reports')).map((e) => e.data).sort((a, b) => b.year - a.year);
}

export async function agencies(): Promise<Agency[]> {
  return (await getCollection('agencies'))
    .map((e) => e.data)
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The reverse of replacedBy: for each policy, the policies it replaced. */
export function replacedBy(all: Policy[]): Map<string, Policy[]> {
  const replaced = new Map<string, Policy[]>();
  for (const p of all)
    if (p.replacedBy)
      (replaced.get(p.replacedBy.documentId) ?? replaced.set(p.replacedBy.documentId, []).get(p.replacedBy.documentId)!).push(p);
  return replaced;
}

/** Each guide's published versions, oldest first, by the guide's documentId. */
export async function guideRevisions(): Promise<Map<string, GuideRevision[]>> {
  const byGuide = new Map<string, GuideRevision[]>();
  for (const { data } of await getCollection('guideRevisions')) {
    (byGuide.get(data.guideDocumentId) ?? byGuide.set(data.guideDocumentId, []).get(data.guideDocumentId)!).push(data);
  }
  for (const list of byGuide.values()) list.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return byGuide;
}
