import { describe, expect, it } from 'vitest';
import { runServingLoad } from '../../scripts/bench/serving.ts';

/*
 * `npm start` as a visitor sees it while the CMS crashes: the portal is asked for its pages at a
 * steady rate, the CMS is killed (SIGKILL) part-way, and every request still gets its page; the
 * supervisor brings the CMS back on its own. The short form of `npm run bench:serving` (which
 * measures; this only counts errors).
 */

describe('npm start when the CMS is killed', () => {
  it('keeps serving every page with no error, and the CMS comes back by itself', async () => {
    const result = await runServingLoad({ durationMs: 10_000, rate: 40, killAtMs: 2_000 });
    console.log(
      `serving: ${result.requests} requests, ${result.errors} errors, p99 ${result.p99Ms.toFixed(1)} ms, CMS back after ${result.cmsBackAfterS?.toFixed(1)} s`,
    );
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.requests).toBe(400);
    expect(result.cmsBackAfterS).not.toBeNull();
    expect(result.statusWhileDown).toEqual({ state: expect.any(String), cmsReachable: false });
  }, 600_000);
});
