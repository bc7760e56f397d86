import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles, generateInto, printCmsSchema, staleFiles } from '../../scripts/codegen.ts';
import { schemaFile } from '../../site/codegen.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';

/*
 * The contract between the CMS and the portal (docs/contract.md): the committed schema snapshot
 * and generated types are what `npm run codegen` makes from the CMS as it is now, and the Zod
 * schemas of the content collections type-check against them. A field changed in a Strapi schema
 * without running codegen fails here; so does a query or Zod schema out of step.
 */

const root = path.resolve(import.meta.dirname, '../..');
const graphqlDir = path.dirname(schemaFile);
let cms: RunningCms;
let sdl: string;
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-contract-'));
  temps.push(dir);
  return dir;
};

beforeAll(async () => {
  cms = await startCms({ demo: false });
  sdl = printCmsSchema(cms.strapi);
});
afterAll(async () => {
  await cms?.stop();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the generated GraphQL contract', () => {
  it('is what npm run codegen makes from the CMS and the queries now', async () => {
    const fresh = temp();
    await generateInto(fresh, sdl);
    expect(staleFiles(generatedFiles(graphqlDir), generatedFiles(fresh))).toEqual([]);
  });

  it('is reported stale, by file, when the CMS schema has a field the snapshot lacks', async () => {
    const changed = sdl.replace(/^type Agency \{\n/m, 'type Agency {\n  contractProbe: String\n');
    expect(changed).not.toBe(sdl);
    const fresh = temp();
    await generateInto(fresh, changed);
    expect(staleFiles(generatedFiles(graphqlDir), generatedFiles(fresh))).toEqual(['schema.graphql（与当前 CMS 结构或查询不符）']);
  });

  it('types the Zod schemas, loaders and preview against the generated types (tsc)', () => {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'site/tsconfig.contract.json'], { cwd: root, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('rich text', () => {
  it('parses the blocks the portal renders and refuses others in Chinese, naming the path', async () => {
    const { policySchema } = await import('../../site/src/loaders/schemas.ts');
    const { blocksSchema } = await import('../../site/src/lib/blocks.ts');
    const { xssBlocks } = await import('../helpers/xss.ts');
    expect(blocksSchema.safeParse(xssBlocks).success).toBe(true);
    const nested = [
      {
        type: 'list',
        format: 'ordered',
        children: [{ type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: '项' }] }] }],
      },
    ];
    expect(blocksSchema.parse(nested)).toEqual(nested);
    const result = blocksSchema.safeParse([
      { type: 'paragraph', children: [{ type: 'text', text: '正文' }] },
      { type: 'html', value: '<script>1</script>' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1]);
    expect(result.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    // Through a collection's schema, as a build reads a policy.
    const policy = policySchema.safeParse({
      documentId: 'a',
      indexNumber: 'x',
      title: 't',
      publishDate: '2026-01-01',
      validity: 'valid',
      body: [{ type: 'text', text: '裸文本' }],
      attachments: [],
      interpretations: [],
    });
    expect(policy.success).toBe(false);
    expect(policy.error?.issues[0]?.path[0]).toBe('body');
  });
});
