import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/net.ts';
import { NGINX } from './nginx.ts';

/*
 * Debian's nginx as the front of a multi-instance layout (docs/deploy.md, 多实例部署): one server
 * balancing the CMS instances (round robin; a request that cannot reach one instance goes to the
 * next), one balancing the publishers' webhook endpoints. The upstream ports may not be listening
 * yet when it starts.
 */

export type RunningUpstreams = {
  /** The CMS as editors and builds reach it. */
  cmsUrl: string;
  /** The publishers' control servers (POST /webhook). */
  publisherUrl: string;
  errorLog: () => string;
  stop: () => Promise<void>;
};

export async function startUpstreams(options: { cms: number[]; publishers: number[] }): Promise<RunningUpstreams> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'portal-nginx-upstreams-'));
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) mkdirSync(path.join(prefix, dir));
  const cmsPort = await freePort();
  const publisherPort = await freePort();
  const servers = (ports: number[]) => ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n');
  const temp = (name: string, dir: string) => `${name} ${path.join(prefix, dir)};`;
  writeFileSync(
    path.join(prefix, 'main.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
error_log ${path.join(prefix, 'logs', 'error.log')} warn;
pid ${path.join(prefix, 'nginx.pid')};
events { worker_connections 256; }
http {
  access_log off;
  ${temp('client_body_temp_path', 'client_body')} ${temp('proxy_temp_path', 'proxy')} ${temp('fastcgi_temp_path', 'fastcgi')}
  ${temp('uwsgi_temp_path', 'uwsgi')} ${temp('scgi_temp_path', 'scgi')}
  upstream cms {
${servers(options.cms)}
  }
  upstream publishers {
${servers(options.publishers)}
  }
  server {
    listen 127.0.0.1:${cmsPort};
    client_max_body_size 60m;
    location / {
      proxy_pass http://cms;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Only what never reached an instance is tried on the next one: a POST that did is not repeated.
      proxy_next_upstream error timeout;
      proxy_read_timeout 120s;
    }
  }
  server {
    listen 127.0.0.1:${publisherPort};
    client_max_body_size 2m;
    location / {
      proxy_pass http://publishers;
      proxy_http_version 1.1;
      proxy_next_upstream error timeout;
    }
  }
}
`,
  );
  const errorLog = () => {
    try {
      return readFileSync(path.join(prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  let output = '';
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', prefix, '-e', path.join(prefix, 'logs', 'error.log'), '-c', path.join(prefix, 'main.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx 未能启动（退出码 ${child.exitCode}）：${output}${errorLog()}`);
    try {
      await fetch(`${cmsUrl}/`); // 502 while no instance listens: nginx itself answers
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx 20 秒内未就绪：${output}${errorLog()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    cmsUrl,
    publisherUrl: `http://127.0.0.1:${publisherPort}`,
    errorLog,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.on('exit', done);
        child.kill('SIGQUIT');
      }),
  };
}
