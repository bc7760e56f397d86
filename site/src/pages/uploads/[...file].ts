import type { APIRoute } from 'astro';
import { fetchUpload, referencedUploads } from '../../lib/attachments.ts';

/* Every uploaded file the published content links to, copied into the release under the same path. */

export async function getStaticPaths() {
  return (await referencedUploads()).map((uploadPath) => ({
    params: { file: uploadPath.slice('/uploads/'.length) },
    props: { uploadPath },
  }));
}

export const GET: APIRoute<{ uploadPath: string }> = ({ props }) => fetchUpload(props.uploadPath);
