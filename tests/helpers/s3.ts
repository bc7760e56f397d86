import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/*
 * An S3-compatible store for a suite: s3rver (a small S3 server, files in a temporary folder) on a
 * free port of 127.0.0.1, with one bucket. It stands in for the object store outside the project
 * (OSS, COS, MinIO, S3); the CMS talks to it through Strapi's own aws-s3 upload provider.
 */

type S3rverInstance = { run: () => Promise<AddressInfo>; close: () => Promise<void> };
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export type RunningS3 = {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  /** s3rver's fixed credentials. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The object keys in the bucket (a real ListObjectsV2 over HTTP). */
  keys: () => Promise<string[]>;
  stop: () => Promise<void>;
};

export async function startS3(bucket = 'portal-uploads'): Promise<RunningS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = mkdtempSync(path.join(tmpdir(), 'portal-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    keys: async () => {
      const xml = await (await fetch(`${endpoint}/${bucket}?list-type=2`)).text();
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
