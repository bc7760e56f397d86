import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/*
 * The tree stays lint-clean and formatted (eslint.config.js, .prettierrc.json), so `npm test` and
 * CI fail on either. Fix with `npm run format`; check alone with `npm run lint`.
 */

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

async function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin(command), args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? String(error)}` };
  }
}

describe('lint and format', () => {
  it('ESLint finds no problem and no warning', { timeout: 600_000 }, async () => {
    const { code, output } = await run('eslint', ['--max-warnings', '0', '.']);
    expect(output.trim(), 'npm run lint 的 ESLint 部分报告了问题').toBe('');
    expect(code).toBe(0);
  });

  it('every file is as Prettier writes it', { timeout: 300_000 }, async () => {
    const { code, output } = await run('prettier', ['--check', '--log-level', 'warn', '.']);
    expect(output.trim(), '有文件未按 Prettier 格式化：运行 npm run format').toBe('');
    expect(code).toBe(0);
  });
});
