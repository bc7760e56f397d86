// The server search engine alone (no Strapi): index build time, peak memory, index size, query
// latency over a varied query set, and the update of one changed page, at each scale.
//
//   npm run bench:search-engine                  # 10,000 and 100,000 synthetic pages
//   npm run bench:search-engine -- 2000          # other sizes
//   npm run bench:search-engine -- --dir <release>/client   # a built portal's pages
//
// Synthetic pages are policy pages as site/src/components/pages/PolicyPage.astro writes them (the
// Layout's data-pagefind-body <main>, its meta and filter spans, the metadata table, the body),
// from scripts/bench/corpus.ts. Everything is written under var/bench-search/ and removed after.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { searchRequestFromParams } from '@portal/shared';
import { corpusRows, type CorpusRow } from './corpus.ts';
import { escapeHtml } from '../publisher/search/excerpt.ts';
import { indexRelease } from '../publisher/search/indexer.ts';
import { buildSearchIndex, searchablePages } from '../publisher/search/build-index.ts';
import { SearchIndex } from '../publisher/search/query.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = path.join(root, 'var', 'bench-search');

/** A rare phrase put into one page in 5,000 (the corpus never writes it), for the "rare word" query. */
const RARE = '紫薇花海';

const chinaDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

function policyPage(row: CorpusRow, extra: string): string {
  const e = escapeHtml;
  const year = row.发布日期!.slice(0, 4);
  const spans = [
    `<span data-pagefind-filter="类型:政策文件"></span>`,
    `<span data-pagefind-filter="发布机构:${e(row.发布机构!)}"></span>`,
    `<span data-pagefind-filter="年份:${year}"></span>`,
    `<span data-pagefind-filter="有效性:${row.有效性}"></span>`,
    `<span data-pagefind-meta="有效性:${row.有效性}"></span>`,
    `<span data-pagefind-sort="date:${row.发布日期}"></span>`,
    `<span data-pagefind-meta="发布机构:${e(row.发布机构!)}"></span>`,
    `<span data-pagefind-meta="日期:${chinaDate(row.发布日期!)}"></span>`,
    row.文号 ? `<span data-pagefind-meta="文号:${e(row.文号)}"></span>` : '',
    `<span data-pagefind-meta="类型:政策文件"></span>`,
  ].join('');
  const table = (
    [
      ['索引号', row.索引号],
      ['主题分类', row.主题分类],
      ['发布机构', row.发布机构],
      ['成文日期', chinaDate(row.成文日期!)],
      ['发布日期', chinaDate(row.发布日期!)],
      ['文号', row.文号],
      ['标题', row.标题],
      ['体裁', row.体裁],
      ['信息类别', row.信息类别],
      ['有效性', row.有效性],
      ['内容概述', row.内容概述],
    ] as Array<[string, string | undefined]>
  )
    .filter(([, v]) => v)
    .map(([k, v]) => `<tr><th scope="row">${k}</th><td>${e(v!)}</td></tr>`)
    .join('');
  const body = `${row.正文!}${extra}`
    .split('\n')
    .map((p) => `<p>${e(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(row.标题!)} - 临淄区政府信息公开平台</title><link rel="stylesheet" href="/_astro/index.abc123.css"></head><body><header class="site-header"><a class="site-name" href="/">临淄区政府信息公开平台</a></header><main id="main" class="wrap" tabindex="-1" data-pagefind-body><div hidden>${spans}</div><article class="document"><h1>${e(row.标题!)}</h1><table class="metadata-table"><caption class="visually-hidden">文件信息</caption><tbody>${table}</tbody></table>${row.文号 ? `<p class="doc-number">${e(row.文号)}</p>` : ''}<div class="rich-text">${body}</div><section aria-labelledby="interpretations"><h2 id="interpretations">相关解读</h2><p>暂无解读。</p></section></article></main><footer class="site-footer"><div class="wrap"><p>临淄区人民政府办公室主办</p></div></footer></body></html>`;
}

type Sample = { 文号: string; 索引号: string; 发布机构: string };

/** Writes `count` policy pages under `clientDir`; returns a few rows to query for. */
export function writePages(clientDir: string, count: number): Sample[] {
  const samples: Sample[] = [];
  let n = 0;
  for (const row of corpusRows(count)) {
    const id = `p${String(n).padStart(23, '0')}`;
    const dir = path.join(clientDir, 'policies', id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), policyPage(row, n % 5000 === 17 ? `\n附：${RARE}观光项目说明。` : ''));
    if (n % Math.max(1, Math.floor(count / 20)) === 3 && row.文号)
      samples.push({ 文号: row.文号, 索引号: row.索引号!, 发布机构: row.发布机构! });
    n++;
  }
  return samples;
}

type Query = { kind: string; params: string };

export function querySet(samples: Sample[]): Query[] {
  const s = (i: number) => samples[i % samples.length]!;
  const q = (kind: string, params: Record<string, string | string[]>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const value of [v].flat()) p.append(k, value);
    return { kind, params: p.toString() };
  };
  return [
    q('常见词', { q: '工作' }),
    q('常见词', { q: '落实' }),
    q('常见词（第 50 页）', { q: '工作', page: '50' }),
    q('少见词', { q: RARE }),
    q('少见词', { q: '金岭回族镇' }),
    q('两个词', { q: '营商环境 安全生产' }),
    q('两个词', { q: '乡村振兴 资金' }),
    q('文号', { q: s(1).文号 }),
    q('文号（方括号）', { q: s(2).文号.replace('〔', '[').replace('〕', ']') }),
    q('索引号', { q: s(3).索引号 }),
    q('只有部分匹配', { q: '营商环境 量子纠缠' }),
    q('只有部分匹配', { q: '安全生产 区块链 元宇宙' }),
    q('带筛选', { q: '工作', 发布机构: s(4).发布机构, 年份: '2021' }),
    q('带筛选', { q: '通知', 有效性: ['废止', '失效'] }),
    q('只有筛选', { 年份: '2020', 类型: '政策文件' }),
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());

type Row = Record<string, string>;

async function measure(label: string, clientDir: string, samples: Sample[] | null, runs: number): Promise<Row> {
  const dir = path.join(work, `index-${label}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, 'search.db');
  const builds = [];
  for (let i = 0; i < runs; i++) builds.push(await indexRelease(clientDir, dbFile, null));
  const build = builds.sort((a, b) => a.ms - b.ms)[Math.floor((builds.length - 1) / 2)]!;
  const size = statSync(dbFile).size;
  console.log(`  索引：${build.pages} 页，${ms(build.ms / 1000)} s，峰值内存 ${build.peakRssMb} MB，${(size / 1e6).toFixed(1)} MB`);

  const index = new SearchIndex(dbFile);
  const queries = querySet(
    samples ?? [{ 文号: '临政办发〔2021〕17号', 索引号: '11370305004326118B/2021-00017', 发布机构: '临淄区人民政府办公室' }],
  );
  const coldStart = performance.now();
  index.search(searchRequestFromParams(new URLSearchParams(queries[0]!.params)));
  const cold = performance.now() - coldStart;
  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  for (let round = 0; round < 5; round++)
    for (const query of queries) {
      const started = performance.now();
      const answer = index.search(searchRequestFromParams(new URLSearchParams(query.params)));
      const took = performance.now() - started;
      if (round === 0)
        console.log(
          `    ${query.kind}：${query.params.slice(0, 60)} → ${answer.match} ${answer.total}${answer.results[0]?.exact ? '（精确）' : ''}`,
        );
      times.push(took);
      byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), took]);
    }
  index.close();
  for (const [kind, list] of byKind) console.log(`    ${kind}: 中位 ${ms(median(list))} ms，最大 ${ms(Math.max(...list))} ms`);

  // One changed page: the next release's index from this one.
  const pages = searchablePages(clientDir);
  const target = path.join(clientDir, pages[Math.floor(pages.length / 2)]!);
  const original = readFileSync(target, 'utf8');
  const updates: number[] = [];
  let reread = 0;
  for (let i = 0; i < 3; i++) {
    writeFileSync(target, original.replace('</article>', `<p>更新说明：第 ${i + 1} 次修改。</p></article>`));
    const next = path.join(dir, `next-${i}.db`);
    const stats = buildSearchIndex({ clientDir, dbFile: next, previous: dbFile });
    reread = stats.indexed;
    updates.push(stats.ms);
    rmSync(next, { force: true });
  }
  writeFileSync(target, original);
  rmSync(dir, { recursive: true, force: true });
  return {
    规模: label,
    页面: String(build.pages),
    建索引: `${ms(build.ms / 1000)} s`,
    峰值内存: `${build.peakRssMb} MB`,
    索引大小: `${(size / 1e6).toFixed(1)} MB`,
    首次查询: `${ms(cold)} ms`,
    查询中位数: `${ms(median(times))} ms`,
    p95: `${ms(quantile(times, 0.95))} ms`,
    最大: `${ms(Math.max(...times))} ms`,
    '改一页（中位）': `${ms(median(updates))} ms（重读 ${reread} 页）`,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const given = args.indexOf('--dir');
  const rows: Row[] = [];
  console.log(
    `机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，内存 ${Math.round(os.totalmem() / 2 ** 30)} GiB，Node ${process.version}，负载 ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}，${new Date().toISOString()}`,
  );
  try {
    if (given >= 0) {
      const clientDir = path.resolve(args[given + 1] ?? '');
      console.log(`› 已构建的门户 ${clientDir}`);
      rows.push(await measure('门户', clientDir, null, 3));
    } else {
      const sizes = (args.length ? args : ['10000', '100000']).map(Number).filter((n) => Number.isInteger(n) && n > 0);
      for (const size of sizes) {
        const clientDir = path.join(work, `pages-${size}`, 'client');
        rmSync(path.dirname(clientDir), { recursive: true, force: true });
        console.log(`› 生成 ${size} 个页面…`);
        const samples = writePages(clientDir, size);
        // Pages come from the OS cache as they would right after a build.
        execFileSync('sync');
        rows.push(await measure(String(size), clientDir, samples, size < 10_000 ? 3 : 1));
        rmSync(path.dirname(clientDir), { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const headers = Object.keys(rows[0] ?? {});
  console.log(`\n| ${headers.join(' | ')} |\n|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${headers.map((h) => row[h]).join(' | ')} |`);
}

if (import.meta.main) await main();
