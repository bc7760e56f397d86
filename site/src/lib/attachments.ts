import { getCollection } from 'astro:content';
import { cmsUrl } from '../loaders/client.ts';

/*
 * Files uploaded to the CMS (policy attachments, images in rich text) are linked as /uploads/…,
 * a path of the CMS's own media folder. The portal copies every file its published content
 * references into the release (pages/uploads/[...file].ts), so the links work on any static host
 * and no request ever reaches the CMS. docs/deploy.md describes the headers they are served with.
 */

/** One file of the CMS's media folder: /uploads/<name> with no further path. */
const UPLOAD_PATH = /^\/uploads\/([^/\\?#]+)$/;

/** The CMS-side paths of every uploaded file the published content refers to, each once. */
export async function referencedUploads(): Promise<string[]> {
  const found = new Set<string>();
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'url' && UPLOAD_PATH.test(value)) found.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const name of ['agencies', 'policies', 'interpretations', 'reports', 'guides', 'guideRevisions'] as const) {
    for (const entry of await getCollection(name)) walk(entry.data);
  }
  return [...found].sort();
}

/** The file's bytes from the CMS; a missing file fails the build with its name, instead of a dead link going live. */
export async function fetchUpload(uploadPath: string): Promise<Response> {
  const response = await fetch(`${cmsUrl()}${uploadPath}`);
  if (!response.ok)
    throw new Error(
      `附件 ${uploadPath} 无法从内容管理系统取得（HTTP ${response.status}）：请在媒体库中重新上传该文件，或从引用它的文件中移除`,
    );
  return new Response(await response.arrayBuffer(), {
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' },
  });
}

const FILE_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/^pdf$/, 'PDF'],
  [/^(docx?|wps|rtf|odt)$/, 'Word'],
  [/^(xlsx?|et|csv|ods)$/, 'Excel'],
  [/^(pptx?|dps|odp)$/, 'PowerPoint'],
  [/^ofd$/, 'OFD'],
  [/^(jpe?g|png|gif|webp|bmp|tiff?)$/, '图片'],
  [/^(zip|rar|7z)$/, '压缩包'],
  [/^txt$/, '文本'],
];

/** What kind of file a reader is about to download, as a person names it: PDF, Word, Excel, 图片 … */
export function fileTypeLabel(ext: string | null | undefined): string {
  const bare = (ext ?? '').replace(/^\./, '').toLowerCase();
  return FILE_TYPES.find(([pattern]) => pattern.test(bare))?.[1] ?? (bare ? bare.toUpperCase() : '文件');
}
