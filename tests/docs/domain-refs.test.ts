import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Every code comment that cites the domain reference points to `docs/domain.md §N` (or §N.M), and
 * that section exists. Files are the tree's own (git's tracked and untracked, minus ignored: no
 * node_modules, no builds).
 */

const root = path.resolve(import.meta.dirname, '../..');
const self = 'tests/docs/domain-refs.test.ts';

/** The section numbers docs/domain.md defines: `## 3. …` gives 3, `### 3.4 …` gives 3.4. */
export function sectionsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of markdown.split('\n')) {
    const match = /^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (match) out.add(match[1]!);
  }
  return out;
}

/** What is wrong with each citation of domain.md in a file's text: a wrong path, no section, or a section that does not exist. */
export function citationProblems(file: string, text: string, sections: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    for (const match of line.matchAll(/([\w./-]*)domain\.md/g)) {
      if (match[1] !== 'docs/') {
        problems.push(`${where}: 应写作“docs/domain.md §N”，实为“${match[0]}”`);
        continue;
      }
      const after = line.slice(match.index + match[0].length);
      const refs = /^\s*((?:§\d+(?:\.\d+)*)(?:\s*(?:,|、|and|和|to|–|-)\s*§\d+(?:\.\d+)*)*)/.exec(after);
      if (!refs) {
        problems.push(`${where}: “docs/domain.md”后缺少章节号（§N）`);
        continue;
      }
      for (const [, number] of refs[1]!.matchAll(/§(\d+(?:\.\d+)*)/g)) {
        if (!sections.has(number!)) problems.push(`${where}: docs/domain.md 中没有 §${number}`);
      }
    }
  });
  return problems;
}

describe('citations of docs/domain.md', () => {
  const sections = sectionsOf(readFileSync(path.join(root, 'docs/domain.md'), 'utf8'));

  it('the reference has its chapters 1–8 and the sections the code relies on', () => {
    for (const n of ['1', '2', '3', '4', '5', '6', '7', '8', '3.1', '3.2', '3.4', '3.5', '3.6', '4.1', '4.2', '5.3', '6.2', '6.3', '6.5']) {
      expect(sections.has(n), `§${n}`).toBe(true);
    }
  });

  it('the check finds what is wrong', () => {
    expect(citationProblems('a.ts', '// see docs/domain.md §3.4 and §4.1', sections)).toEqual([]);
    expect(citationProblems('a.ts', ' * (docs/domain.md §2.2, §5.3, §6.2)', sections)).toEqual([]);
    expect(citationProblems('a.ts', '// docs/domain.md §9.9', sections)).toEqual(['a.ts:1: docs/domain.md 中没有 §9.9']);
    expect(citationProblems('a.ts', '// docs/domain.md §3.4, §3.99', sections)).toEqual(['a.ts:1: docs/domain.md 中没有 §3.99']);
    expect(citationProblems('a.ts', '// ../shared/docs/domain.md §3', sections)).toHaveLength(1);
    expect(citationProblems('a.ts', '// domain.md §3', sections)).toHaveLength(1);
    expect(citationProblems('a.ts', '// see docs/domain.md', sections)).toEqual(['a.ts:1: “docs/domain.md”后缺少章节号（§N）']);
  });

  it('every citation in the tree points to a section that exists', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|tsx|astro|js|mjs|cjs)$/.test(f) && f !== self);
    const problems: string[] = [];
    let citing = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(path.join(root, file), 'utf8');
      } catch {
        continue; // listed by git but deleted in the work tree
      }
      if (!text.includes('domain.md')) continue;
      citing++;
      problems.push(...citationProblems(file, text, sections));
    }
    expect(problems).toEqual([]);
    expect(citing).toBeGreaterThan(5);
  });
});
