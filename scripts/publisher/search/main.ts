// Builds a release's search index in a process of its own (the publisher keeps serving meanwhile):
// node scripts/publisher/search/main.ts <client dir> <index file> [<previous index file>]
// Prints the IndexStats as JSON on stdout; a failure goes to stderr with exit code 1.
import { buildSearchIndex } from './build-index.ts';

const [clientDir, dbFile, previous] = process.argv.slice(2);
if (!clientDir || !dbFile) {
  console.error('用法：node scripts/publisher/search/main.ts <门户 client 目录> <索引文件> [<上一版本的索引文件>]');
  process.exit(2);
}
try {
  const stats = buildSearchIndex({ clientDir, dbFile, previous: previous || null });
  process.stdout.write(`${JSON.stringify({ ...stats, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} catch (error) {
  console.error(`建立搜索索引失败：${(error as Error).message}`);
  process.exit(1);
}
