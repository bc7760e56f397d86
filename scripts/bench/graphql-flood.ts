// GraphQL flood benchmark (`node scripts/bench/graphql-flood.ts` under scripts/with-node.sh): the
// latency of a normal anonymous query alone, and while an anonymous query of 1,000 aliases of a
// nested list is sent at the same moment; and how long that flood takes to be answered. A real
// Strapi (compiled cms/, demo content, temporary SQLite) in this process. Prints medians.
import { cpus, loadavg } from 'node:os';
import { compileCms, startCms } from '../../tests/helpers/cms.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const flood = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: policyItems(pagination: { pageSize: 500 }) { title agency { name policyItems { title interpretations { title } } } }`).join(' ')} }`;
const normal = '{ policyItems(pagination: { pageSize: 100 }) { title agency { name } } }';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function timed(url: string, query: string): Promise<{ ms: number; ok: boolean; message?: string }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  return { ms: performance.now() - started, ok: !body.errors, message: body.errors?.[0]?.message };
}

async function main(): Promise<void> {
  await compileCms();
  process.env.GRAPHQL_RATE_LIMIT = '100000';
  const cms = await startCms();
  try {
    for (let i = 0; i < 5; i++) await timed(cms.url, normal);
    const alone: number[] = [];
    for (let i = 0; i < RUNS; i++) alone.push((await timed(cms.url, normal)).ms);
    // The normal query goes out 5 ms and 1 s after the flood: at once, and while the flood would be resolving.
    const during: number[] = [];
    const later: number[] = [];
    const floods: number[] = [];
    let answer = '';
    for (let i = 0; i < RUNS; i++) {
      const f = timed(cms.url, flood);
      await new Promise((r) => setTimeout(r, 5));
      const n = timed(cms.url, normal);
      await new Promise((r) => setTimeout(r, 1000));
      const l = await timed(cms.url, normal);
      const [fr, nr] = await Promise.all([f, n]);
      if (!nr.ok || !l.ok) throw new Error(`正常查询出错：${nr.message ?? l.message}`);
      during.push(nr.ms);
      later.push(l.ms);
      floods.push(fr.ms);
      answer = fr.ok ? '（已执行，未被拒绝）' : (fr.message ?? '');
    }
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${cpus().length} × ${cpus()[0]?.model}, load ${loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
          runs: RUNS,
          normalAloneMedianMs: Math.round(median(alone)),
          normalAt5msMedianMs: Math.round(median(during)),
          normalAt1sMedianMs: Math.round(median(later)),
          floodAnswerMedianMs: Math.round(median(floods)),
          floodAnswer: answer,
        },
        null,
        2,
      ),
    );
  } finally {
    await cms.stop();
  }
}

await main();
