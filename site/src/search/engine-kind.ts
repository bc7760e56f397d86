import { searchEngineKinds, type SearchEngineKind } from './engine.ts';

/**
 * The engine the portal is built for, from PORTAL_SEARCH (`static`, the default, or `server`). Read
 * at build time only; a wrong value stops the build with the values that would be right.
 */
export function searchEngineKind(env: Record<string, string | undefined> = process.env): SearchEngineKind {
  const value = (env.PORTAL_SEARCH ?? '').trim() || 'static';
  if ((searchEngineKinds as readonly string[]).includes(value)) return value as SearchEngineKind;
  throw new Error(`环境变量 PORTAL_SEARCH 的值“${value}”无效：应为 static（静态索引，默认）或 server（服务器检索）。`);
}
