import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { generate } from '@graphql-codegen/cli';
import { codegenConfig, generatedDir, schemaFile } from '../site/codegen.ts';
import { cmsDir, cmsInputsHash, rootDir, temporarySecrets } from './cms.ts';

/*
 * `npm run codegen`: the CMS's GraphQL schema, read from Strapi's own GraphQL plugin in-process
 * (a temporary SQLite, no server, no introspection over HTTP, which production may switch off),
 * printed to site/src/graphql/schema.graphql; then GraphQL Code Generator types the portal's
 * documents (site/src/graphql/*.graphql) against it into site/src/graphql/generated/.
 * `npm run codegen -- --check` writes nothing and fails when either is stale (CI runs the same
 * comparison in tests/contract/codegen.test.ts).
 */

// @strapi/strapi's ESM build breaks under native ESM (lodash/fp); its CommonJS build is fine.
const require = createRequire(import.meta.url);

type GraphqlStrapi = {
  plugin: (name: 'graphql') => { service: (name: 'content-api') => { buildSchema: () => GraphQLSchema } };
};

/** The content API's schema as SDL, sorted so that the snapshot changes only when the schema does. */
export function printCmsSchema(strapi: unknown): string {
  // The CommonJS build of graphql, the one Strapi's schema objects come from: under a loader that
  // picks the ESM build (vitest), the two copies would refuse each other's types.
  const { lexicographicSortSchema, printSchema } = require('graphql') as typeof import('graphql');
  const schema = (strapi as GraphqlStrapi).plugin('graphql').service('content-api').buildSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

type StrapiModule = {
  compileStrapi: (options: { appDir: string }) => Promise<{ distDir: string }>;
  createStrapi: (options: Record<string, unknown>) => { load: () => Promise<{ destroy: () => Promise<void> }> };
};

const distDir = path.join(cmsDir, 'dist');
const compiledStamp = path.join(distDir, '.codegen-inputs');

/** The newest file of the compiled CMS (what it was compiled from: cmsInputsHash), so a compile by anyone else is noticed. */
function newestOutput(): number {
  if (!existsSync(distDir)) return 0;
  let newest = 0;
  for (const e of readdirSync(distDir, { withFileTypes: true, recursive: true })) {
    const file = path.join(e.parentPath, e.name);
    // The admin bundle (strapi build) plays no part in the schema.
    if (e.isFile() && file !== compiledStamp && !file.startsWith(path.join(distDir, 'build') + path.sep))
      newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Compiles the CMS (unless cms/dist is from these very sources), loads it on an empty temporary SQLite (no demo content, no port) and prints its schema. */
export async function readCmsSchema(): Promise<string> {
  // The CMS imports the domain from shared/'s build.
  execFileSync(process.execPath, [path.join(rootDir, 'node_modules/typescript/bin/tsc'), '-p', 'shared'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  const strapiModule = require(path.join(rootDir, 'node_modules/@strapi/strapi')) as StrapiModule;
  const inputs = cmsInputsHash();
  const stamp = () => `${inputs} ${newestOutput()}`;
  if (!existsSync(compiledStamp) || readFileSync(compiledStamp, 'utf8') !== stamp()) {
    await strapiModule.compileStrapi({ appDir: cmsDir });
    writeFileSync(compiledStamp, stamp());
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-codegen-'));
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'schema.db'),
    ...temporarySecrets(),
    DEMO_CONTENT: 'false',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_LOG: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const strapi = await strapiModule.createStrapi({ appDir: cmsDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    return printCmsSchema(strapi);
  } finally {
    await strapi.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes the schema snapshot and the generated files into `outDir` (a mirror of site/src/graphql/). */
export async function generateInto(outDir: string, schemaSdl: string): Promise<void> {
  const schemaPath = path.join(outDir, path.relative(path.dirname(schemaFile), schemaFile));
  mkdirSync(path.dirname(schemaPath), { recursive: true });
  writeFileSync(schemaPath, schemaSdl);
  const target = path.join(outDir, path.relative(path.dirname(schemaFile), generatedDir));
  rmSync(target, { recursive: true, force: true });
  await generate(codegenConfig(schemaPath, target), true);
}

/** Every file under the schema's folder that codegen writes (the snapshot and generated/**), by relative path; missing ones are left out. */
export function generatedFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const schemaName = path.basename(schemaFile);
  if (existsSync(path.join(dir, schemaName))) files.set(schemaName, readFileSync(path.join(dir, schemaName), 'utf8'));
  const generated = path.join(dir, path.relative(path.dirname(schemaFile), generatedDir));
  if (!existsSync(generated)) return files;
  for (const entry of readdirSync(generated, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file, 'utf8'));
  }
  return files;
}

/** The files that differ between the committed contract and a fresh one, with a reason each. */
export function staleFiles(committed: Map<string, string>, fresh: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [file, text] of fresh) {
    if (!committed.has(file)) stale.push(`${file}（缺少，应由 npm run codegen 生成）`);
    else if (committed.get(file) !== text) stale.push(`${file}（与当前 CMS 结构或查询不符）`);
  }
  for (const file of committed.keys()) if (!fresh.has(file)) stale.push(`${file}（多余：不再由查询生成）`);
  return stale;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const sdl = await readCmsSchema();
  const graphqlDir = path.dirname(schemaFile);
  // Generated into a temporary folder first: a failed run leaves the committed files as they were.
  const temp = mkdtempSync(path.join(tmpdir(), 'portal-codegen-out-'));
  try {
    await generateInto(temp, sdl);
    const committed = generatedFiles(graphqlDir);
    const fresh = generatedFiles(temp);
    const stale = staleFiles(committed, fresh);
    if (check) {
      if (stale.length > 0) {
        console.error(`✗ 生成的 GraphQL 类型已过期：\n  ${stale.join('\n  ')}\n请运行 npm run codegen 并提交结果。`);
        process.exitCode = 1;
      } else console.log('› GraphQL 结构快照与生成的类型均为最新。');
      return;
    }
    for (const [file, text] of fresh) {
      mkdirSync(path.dirname(path.join(graphqlDir, file)), { recursive: true });
      writeFileSync(path.join(graphqlDir, file), text);
    }
    for (const file of committed.keys()) if (!fresh.has(file)) rmSync(path.join(graphqlDir, file));
    const where = `${path.relative(rootDir, schemaFile)} 与 ${path.relative(rootDir, generatedDir)}/`;
    console.log(stale.length === 0 ? `› ${where}已是最新，未改动。` : `› 已更新 ${where}：\n  ${stale.join('\n  ')}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().then(
    () => process.exit(),
    (error: unknown) => {
      console.error(`✗ 生成 GraphQL 类型失败：${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
