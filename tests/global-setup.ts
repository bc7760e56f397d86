import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { compileCms } from './helpers/cms.ts';

/** Builds what every suite needs once: the shared package, then the CMS's compiled TypeScript. */
export default async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync('npx', ['tsc', '-p', 'shared'], { cwd: root, stdio: 'inherit' });
  await compileCms();
}
