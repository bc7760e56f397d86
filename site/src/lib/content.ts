import { getCollection, type CollectionEntry } from 'astro:content';

export type Policy = CollectionEntry<'policies'>['data'];
export type Report = CollectionEntry<'reports'>['data'];
export type Agency = CollectionEntry<'agencies'>['data'];

const byDateDesc = (a: Policy, b: Policy) => b.publishDate.localeCompare(a.publishDate) || a.title.localeCompare(b.title, 'zh-CN');

export async function policies(): Promise<Policy[]> {
  return (await getCollection('policies')).map((e) => e.data).sort(byDateDesc);
}

export async function reports(): Promise<Report[]> {
  return (await getCollection('reports')).map((e) => e.data).sort((a, b) => b.year - a.year);
}

export async function agencies(): Promise<Agency[]> {
  return (await getCollection('agencies'))
    .map((e) => e.data)
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name, 'zh-CN'));
}
