/*
 * `npm run import:reports`: the seed end to end through the real CLI (readable and --json), and
 * hostile files: each gets a Chinese message, the others are still imported, the exit code says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, truncateSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jingzhong2020 } from '../../cms/src/demo/jingzhong-2020.ts';

const root = path.resolve(import.meta.dirname, '../..');
const seed = path.join(import.meta.dirname, 'fixtures', 'jingzhong-2020-annual-report.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'import-reports.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('import:reports', () => {
  it('is the npm script the brief names', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['import:reports']).toBe('bash scripts/with-node.sh node scripts/import-reports.ts');
  });

  it('npm run import:reports -- --json <the seed>: the demo report, cell for cell', () => {
    const npm = spawnSync('npm', ['run', '-s', 'import:reports', '--', '--json', seed], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const { status: code, stdout } = npm;
    expect(code).toBe(0);
    const [report] = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(report).toMatchObject({
      file: seed,
      agency: '临淄区敬仲镇人民政府',
      year: 2020,
      templateVersion: '2019',
      moneyUnits: {},
      findings: [],
    });
    expect(report!.proactiveTable).toEqual(jingzhong2020.proactiveTable);
    expect(report!.requestTable).toEqual(jingzhong2020.requestTable);
    expect(report!.reviewTable).toEqual(jingzhong2020.reviewTable);
    const cells = report!.cells as Array<{ status: string }>;
    expect(cells.map((c) => c.status).filter((s) => s === 'read')).toHaveLength(65);
  });

  it('prints a readable Chinese report', () => {
    const { code, stdout } = run(seed);
    expect(code).toBe(0);
    expect(stdout).toContain('机构：临淄区敬仲镇人民政府　年度：2020　格式：2019 年格式');
    expect(stdout).toContain('单元格：共 198 个；读取 65，推出 133，待定 0，缺失 0');
    expect(stdout).toContain(
      '  表三 （三）不予公开 1.属于国家秘密：自然人 0，商业企业 0，科研机构 0，社会公益组织 0，法律服务机构 0，其他 0，总计 0；依据 R3；由 R3 推出：同一等式中其余各项之和为 0，各项不为负；第 87 行',
    );
    expect(stdout).toMatch(/ {2}表四：行政复议 结果维持 0，.*，行政诉讼 复议后起诉 总计 0；第 89 行/);
    expect(stdout).toContain('  表二 行政事业性收费：上一年项目数量 0，本年增/减 0；第 73 行');
    expect(stdout).toContain('[表头缺失] 第 89 行');
  });

  it('--archive without --save is refused: nothing is written', () => {
    const { code, stderr } = run('--archive', seed);
    expect(code).toBe(2);
    expect(stderr).toContain('只能与 --save 一起使用');
  });

  it('hostile files: a Chinese message each, the good file still imported, exit code 1', () => {
    const binary = path.join(dir, 'report.pdf');
    writeFileSync(binary, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0])]));
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const huge = path.join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    // “2021年政府信息公开工作年度报告” in GBK.
    const gbkBytes = Buffer.from('32303231c4ead5feb8aed0c5cfa2b9abbfaab9a4d7f7c4eab6c8b1a8b8e6', 'hex');
    expect(new TextDecoder('gbk').decode(gbkBytes)).toBe('2021年政府信息公开工作年度报告');
    const gbk = path.join(dir, 'gbk.txt');
    writeFileSync(gbk, gbkBytes);
    const absent = path.join(dir, 'absent.txt');
    const folder = path.join(dir, 'folder.txt');
    mkdirSync(folder);

    const { code, stdout, stderr } = run(binary, empty, huge, gbk, absent, folder, seed);
    expect(code).toBe(1);
    expect(stderr).toContain(`“${binary}”是PDF 文件，不是文本`);
    expect(stderr).toContain(`“${empty}”是空文件`);
    expect(stderr).toContain(`“${huge}”有 50.0 MB，超过 10 MB 的上限`);
    expect(stderr).toContain(`“${gbk}”不是 UTF-8 编码（看来是 GBK/GB18030）`);
    expect(stderr).toContain(`找不到文件“${absent}”`);
    expect(stderr).toContain(`“${folder}”是文件夹，不是文件`);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(stdout).toContain('机构：临淄区敬仲镇人民政府');

    const json = run('--json', gbk, seed);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as Array<{ file: string; error?: string; year?: number }>;
    expect(out.map((r) => [r.file, r.error?.slice(0, 20) ?? r.year])).toEqual([
      [gbk, `“${gbk}”不是 UTF-8 编码`.slice(0, 20)],
      [seed, 2020],
    ]);
  });

  it('a text that is not a report: says what is missing, no crash', () => {
    const junk = path.join(dir, 'junk.txt');
    writeFileSync(junk, '这不是年度报告。\n'.repeat(50));
    const { code, stdout } = run(junk);
    expect(code).toBe(1);
    expect(stdout).toContain('找不到报告年度');
  });
});
