import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/*
 * Built portals, one folder per release under <root>/releases/, and a `current` symlink naming the
 * one being served. Switching is a rename of a fresh symlink over `current`: atomic, so a request
 * sees the old release or the new one, never a mix.
 */

export type ReleaseSize = {
  /** HTML pages in the release. */
  pages: number;
  /** Policy documents: one page each, /policies/<documentId>/ (Strapi document ids are 24 characters [a-z0-9]). */
  documents: number;
};

const DOCUMENT_ID = /^[a-z0-9]{24}$/;

/** Counts a built release's pages and policy documents from its files (what the public would get). */
export function releaseSize(releaseDir: string): ReleaseSize {
  const client = path.join(releaseDir, 'client');
  if (!existsSync(client)) return { pages: 0, documents: 0 };
  const pages = readdirSync(client, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.html')).length;
  const policies = path.join(client, 'policies');
  const documents = existsSync(policies)
    ? readdirSync(policies, { withFileTypes: true }).filter(
        (e) => e.isDirectory() && DOCUMENT_ID.test(e.name) && existsSync(path.join(policies, e.name, 'index.html')),
      ).length
    : 0;
  return { pages, documents };
}

/**
 * Whether a new release is plausibly the same site as the live one. A release that lost more than
 * half of the live one's policy documents or pages is held back (an empty CMS answer: a wrong
 * database setting, a failed restore), but only when the live one is big enough for that to mean
 * something (at least 5 documents, 20 pages); returns why, in Chinese, or null when it may go live.
 */
export function implausible(next: ReleaseSize, live: ReleaseSize | null): string | null {
  if (!live) return null;
  if (live.documents >= 5 && next.documents < live.documents * 0.5)
    return `新版本只有 ${next.documents} 件政策文件，在线版本有 ${live.documents} 件（少于一半）：可能是内容管理系统连错了数据库或恢复失败，新版本未上线，在线版本继续服务。确认无误后可强制上线。`;
  if (live.pages >= 20 && next.pages < live.pages * 0.5)
    return `新版本只有 ${next.pages} 个页面，在线版本有 ${live.pages} 个（少于一半）：可能是内容管理系统连错了数据库或恢复失败，新版本未上线，在线版本继续服务。确认无误后可强制上线。`;
  return null;
}

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
    const id = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.(\d+)Z$/, '$1Z');
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

  dir(id: string): string {
    return path.join(this.releasesDir, id);
  }

  /** Removes failed and old releases, keeping the current one, `also` (a held release) and the `keep` newest for rollback. */
  prune(also: string | null = null): string[] {
    const current = this.current();
    const ids = readdirSync(this.releasesDir).sort().reverse();
    const kept = new Set(ids.filter((id) => existsSync(path.join(this.releasesDir, id, 'client'))).slice(0, this.keep));
    if (current) kept.add(current);
    if (also) kept.add(also);
    const removed = ids.filter((id) => !kept.has(id));
    for (const id of removed) rmSync(path.join(this.releasesDir, id), { recursive: true, force: true });
    return removed;
  }

  list(): string[] {
    return readdirSync(this.releasesDir).sort();
  }
}
