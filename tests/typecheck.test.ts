import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * TypeScript strict across the rooms that no build checks on its own: shared/, the admin
 * customisations, and the scripts Node runs with type stripping. (The CMS server code is checked
 * when the suite compiles it; the portal's, after a build has generated its content types, in
 * tests/portal/pipeline.test.ts.)
 */

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

describe('types', () => {
  for (const project of ['shared', 'cms/src/admin', 'scripts']) {
    it(`${project} type-checks`, () => {
      const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  }
});
