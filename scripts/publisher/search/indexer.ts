import { spawn } from 'node:child_process';
import path from 'node:path';
import type { IndexStats } from './build-index.ts';

/** What the indexing process reports: the stats and its peak memory. */
export type IndexRun = IndexStats & { peakRssMb: number };

/**
 * Builds a release's search index in a child process (better-sqlite3 is synchronous: in the
 * publisher's own process it would stop the portal from answering for as long as indexing takes).
 */
export function indexRelease(clientDir: string, dbFile: string, previous: string | null): Promise<IndexRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'main.ts'), clientDir, dbFile, previous ?? ''], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => reject(new Error(`无法启动搜索索引进程：${error.message}`)));
    child.on('exit', (code) => {
      if (code === 0) {
        try {
          return resolve(JSON.parse(out) as IndexRun);
        } catch {
          // fall through to the failure below
        }
      }
      reject(new Error(err.trim().split('\n')[0] || `搜索索引进程退出（退出码 ${code}）`));
    });
  });
}

/** PORTAL_SEARCH: `static` (Pagefind, the default) or `server` (this engine); anything else is refused with the reason. */
export function searchMode(env: NodeJS.ProcessEnv = process.env): 'static' | 'server' {
  const mode = env.PORTAL_SEARCH ?? 'static';
  if (mode !== 'static' && mode !== 'server')
    throw new Error(`PORTAL_SEARCH 应为 static（Pagefind 静态索引，默认）或 server（服务端搜索），实际为“${mode}”`);
  return mode;
}
