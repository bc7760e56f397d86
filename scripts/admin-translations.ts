/*
 * Which admin panel strings Strapi's own zh-Hans translations lack, so they can be written in
 * cms/src/admin/translations/zh-Hans.json (read by cms/src/admin/app.tsx). Rerun after every Strapi upgrade:
 *
 *   bash scripts/with-node.sh node scripts/admin-translations.ts          # what is still missing
 *   bash scripts/with-node.sh node scripts/admin-translations.ts --all    # every key zh-Hans lacks, with the English text
 *   bash scripts/with-node.sh node scripts/admin-translations.ts --check  # exit 1 when something is missing
 *   bash scripts/with-node.sh node scripts/admin-translations.ts --fill   # take Strapi's own text filed under old keys
 *
 * The panel merges, per locale: the admin's own messages, then each plugin's (keys prefixed with
 * the plugin id), then the app's config.translations (src/admin/app.tsx). A key missing in zh-Hans
 * falls back to English, so the keys to write are those of the merged English set that the merged
 * zh-Hans set lacks or leaves in English.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const rootDir = path.resolve(import.meta.dirname, '..');
const cmsDir = path.join(rootDir, 'cms');
const strapiDir = path.join(rootDir, 'node_modules', '@strapi');

/** Where each part of the panel keeps its messages, and the prefix the panel gives them. */
export const sources: ReadonlyArray<{ dir: string; prefix: string; code?: string }> = [
  { dir: 'admin/dist/admin/admin/src/translations', prefix: '', code: 'admin/dist/admin/admin/src' },
  { dir: 'content-manager/dist/admin/translations', prefix: 'content-manager.', code: 'content-manager/dist/admin' },
  { dir: 'upload/dist/admin/translations', prefix: 'upload.', code: 'upload/dist/admin' },
  { dir: 'i18n/dist/admin/translations', prefix: 'i18n.', code: 'i18n/dist/admin' },
  { dir: 'plugin-users-permissions/dist/admin/translations', prefix: 'users-permissions.' },
  { dir: 'email/dist/admin/translations', prefix: 'email.' },
  { dir: 'plugin-graphql/dist/admin/translations', prefix: 'graphql.' },
  { dir: 'content-type-builder/dist/admin/translations', prefix: 'content-type-builder.' },
  { dir: 'content-releases/dist/admin/translations', prefix: 'content-releases.' },
  { dir: 'review-workflows/dist/admin/translations', prefix: 'review-workflows.' },
];

type Messages = Record<string, string>;

async function load(dir: string, locale: string): Promise<Messages> {
  const file = path.join(strapiDir, dir, `${locale}.json.mjs`);
  if (!existsSync(file)) return {};
  return ((await import(pathToFileURL(file).href)) as { default: Messages }).default;
}

/**
 * Messages the code asks for with an English default but that no en.json lists (Strapi forgets
 * some): `formatMessage({ id: 'x', defaultMessage: '…' })`, `id: getTranslation('x')` (prefixed).
 */
const MESSAGE_IN_CODE =
  /\bid:\s*(?:(getTranslation|getTrad|getTranslationKey|getTranslationId)\(\s*)?(['"`])((?:\$\{[A-Za-z_.]+\})?[^'"`$]+)\2\s*\)?\s*,\s*defaultMessage:\s*(['"`])((?:\\.|(?!\4)[^\\])*)\4/g;

function messagesInCode(dir: string, prefix: string): Messages {
  const found: Messages = {};
  const base = path.join(strapiDir, dir);
  for (const file of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.mjs') || file.includes('translations')) continue;
    for (const m of readFileSync(path.join(base, file), 'utf8').matchAll(MESSAGE_IN_CODE)) {
      const key = (m[1] ? prefix + m[3]! : m[3]!).replace(/^\$\{[A-Za-z_.]+\}\./, prefix);
      if (!key.includes('${') && /[A-Za-z]/.test(m[5]!)) found[key] = m[5]!.replace(/\\(.)/g, '$1');
    }
  }
  return found;
}

/** Text that a Chinese reader would see as English: a Latin word of two letters or more outside {placeholders}. */
export const looksEnglish = (text: string): boolean => /[A-Za-z]{2,}/.test(text.replace(/\{[^{}]*\}/g, '').replace(/<\/?[a-zA-Z]+>/g, ''));

export type Missing = {
  key: string;
  en: string;
  source: string;
  /** Already written in our file. */
  covered: boolean;
  /**
   * Strapi's own Chinese under a key the panel never asks for: the content manager's zh-Hans
   * still carries its Strapi 4 keys, already prefixed, so the panel files them as
   * `content-manager.content-manager.…`.
   */
  strapiElsewhere?: string;
};

export async function missingKeys(ours: Messages = {}): Promise<Missing[]> {
  const result: Missing[] = [];
  const en: Array<[string, string, string]> = [];
  const zh: Messages = {};
  for (const { dir, prefix, code } of sources) {
    const source = dir.split('/')[0]!;
    const listed = Object.entries(await load(dir, 'en')).map(([key, text]): [string, string, string] => [prefix + key, text, source]);
    en.push(...listed);
    if (code) {
      const keys = new Set(listed.map(([key]) => key));
      for (const [key, text] of Object.entries(messagesInCode(code, prefix)))
        if (!keys.has(key)) en.push([key, text, `${source}（仅见于代码）`]);
    }
    for (const [key, text] of Object.entries(await load(dir, 'zh-Hans'))) zh[prefix + key] = text;
  }
  const prefixOf = (key: string) => sources.find((s) => s.prefix && key.startsWith(s.prefix))?.prefix ?? '';
  for (const [key, text, source] of en) {
    const strapi = zh[key];
    if (strapi !== undefined && !(looksEnglish(strapi) && strapi === text)) continue;
    if (!looksEnglish(text) && strapi === undefined && !/\S/.test(text.replace(/\{[^{}]*\}/g, ''))) continue;
    const elsewhere = zh[prefixOf(key) + key];
    result.push({
      key,
      en: text,
      source,
      covered: ours[key] !== undefined,
      ...(elsewhere && !looksEnglish(elsewhere) ? { strapiElsewhere: elsewhere } : {}),
    });
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const oursFile = path.join(cmsDir, 'src', 'admin', 'translations', 'zh-Hans.json');
  const ours = existsSync(oursFile) ? (JSON.parse(readFileSync(oursFile, 'utf8')) as Messages) : {};
  let all = await missingKeys(ours);
  if (process.argv.includes('--fill')) {
    // Takes Strapi's own translation where it only sits under the wrong key; never replaces ours.
    for (const m of all) if (!m.covered && m.strapiElsewhere) ours[m.key] = m.strapiElsewhere;
    writeFileSync(oursFile, `${JSON.stringify(ours, null, 2)}\n`);
    all = await missingKeys(ours);
  }
  const shown = process.argv.includes('--all') ? all : all.filter((m) => !m.covered);
  const bySource = new Map<string, Missing[]>();
  for (const m of shown) bySource.set(m.source, [...(bySource.get(m.source) ?? []), m]);
  for (const [source, list] of bySource) {
    console.log(`\n# ${source}: ${list.length}`);
    for (const m of list)
      console.log(
        `${JSON.stringify(m.key)}: ${JSON.stringify(m.en)},${m.covered ? ' // 已译' : m.strapiElsewhere ? ` // Strapi 4 键下有：${m.strapiElsewhere}（--fill 取用）` : ''}`,
      );
  }
  const open = all.filter((m) => !m.covered).length;
  console.error(
    `\nStrapi 的 zh-Hans 缺 ${all.length} 条，其中 ${all.length - open} 条已在 src/admin/translations/zh-Hans.json 中译出，尚缺 ${open} 条。`,
  );
  if (process.argv.includes('--check') && open > 0) process.exit(1);
}
