import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/*
 * Built portals, one folder per release under <root>/releases/, and a `current` symlink naming the
 * one being served. Switching is a rename of a fresh symlink over `current`: atomic, so a request
 * sees the old release or the new one, never a mix.
 */

export class Releases {
  readonly root: string;
  readonly keep: number;
  readonly releasesDir: string;
  readonly currentLink: string;

  constructor(root: string, keep = 3) {
    this.root = root;
    this.keep = keep;
    this.releasesDir = path.join(root, 'releases');
    this.currentLink = path.join(root, 'current');
    mkdirSync(this.releasesDir, { recursive: true });
  }

  /** A new, empty release folder's id and path (ids sort by time). */
  create(): { id: string; dir: string } {
    const id = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
    return { id, dir: path.join(this.releasesDir, id) };
  }

  /** The release being served, or null before the first successful build. */
  current(): string | null {
    try {
      return path.basename(readlinkSync(this.currentLink));
    } catch {
      return null;
    }
  }

  /** The folder the portal's static files are served from. */
  currentClientDir(): string | null {
    const id = this.current();
    return id ? path.join(this.releasesDir, id, 'client') : null;
  }

  activate(id: string): void {
    const temporary = `${this.currentLink}.${process.pid}.tmp`;
    rmSync(temporary, { force: true });
    symlinkSync(path.join('releases', id), temporary);
    renameSync(temporary, this.currentLink);
  }

  /** Removes failed and old releases, keeping the current one and the `keep` newest for rollback. */
  prune(): string[] {
    const current = this.current();
    const ids = readdirSync(this.releasesDir).sort().reverse();
    const kept = new Set(ids.filter((id) => existsSync(path.join(this.releasesDir, id, 'client'))).slice(0, this.keep));
    if (current) kept.add(current);
    const removed = ids.filter((id) => !kept.has(id));
    for (const id of removed) rmSync(path.join(this.releasesDir, id), { recursive: true, force: true });
    return removed;
  }

  list(): string[] {
    return readdirSync(this.releasesDir).sort();
  }
}
