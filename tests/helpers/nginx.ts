import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/net.ts';

/*
 * Debian's nginx (/usr/sbin/nginx) running the shipped config (scripts/publisher/nginx*.conf) as
 * a foreground child: its own prefix, temp folders, logs and pid file, loopback ports, no root
 * config read. The config files are copied with only their installation paths and ports
 * replaced; each replacement must match, so a changed config cannot silently go untested.
 */

const publisherDir = path.resolve(import.meta.dirname, '../../scripts/publisher');
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export type RunningNginx = {
  url: string;
  /** https://localhost:<port> of nginx-tls.conf's server, with a self-signed certificate; only with `tls`. */
  httpsPort?: number;
  /** Port of nginx-tls.conf's plain-HTTP server that redirects to HTTPS; only with `tls`. */
  redirectPort?: number;
  errorLog: () => string;
  stop: () => Promise<void>;
};

function replaceAll(text: string, file: string, replacements: ReadonlyArray<[string, string]>): string {
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${file} 中找不到“${from}”：测试无法按已发布的配置启动 nginx`);
    text = text.split(from).join(to);
  }
  return text;
}

export async function startNginx(options: { root: string; rendererPort: number; tls?: boolean }): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'portal-nginx-'));
  const portal = path.join(prefix, 'portal');
  mkdirSync(portal);
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) mkdirSync(path.join(prefix, dir));
  const port = await freePort();
  const read = (name: string) => readFileSync(path.join(publisherDir, name), 'utf8');
  const common: Array<[string, string]> = [['/etc/nginx/portal/', `${portal}/`]];
  writeFileSync(
    path.join(portal, 'nginx.conf'),
    replaceAll(read('nginx.conf'), 'nginx.conf', [...common, ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${port};`]]),
  );
  writeFileSync(
    path.join(portal, 'nginx-site.conf'),
    replaceAll(read('nginx-site.conf'), 'nginx-site.conf', [
      ['root /srv/portal/current/client;', `root ${options.root};`],
      ['proxy_pass http://127.0.0.1:4322;', `proxy_pass http://127.0.0.1:${options.rendererPort};`],
    ]),
  );
  let httpsPort: number | undefined;
  let redirectPort: number | undefined;
  if (options.tls) {
    httpsPort = await freePort();
    redirectPort = await freePort();
    const key = path.join(prefix, 'key.pem');
    const cert = path.join(prefix, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', cert],
      { stdio: 'ignore' },
    );
    writeFileSync(
      path.join(portal, 'nginx-tls.conf'),
      replaceAll(read('nginx-tls.conf'), 'nginx-tls.conf', [
        ...common,
        ['    listen [::]:80;\n', ''],
        ['    listen [::]:443 ssl http2;\n', ''],
        ['listen 80;', `listen 127.0.0.1:${redirectPort};`],
        ['listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`],
        ['server_name gk.example.gov.cn;', 'server_name localhost;'],
        ['/etc/ssl/portal/fullchain.pem', cert],
        ['/etc/ssl/portal/privkey.pem', key],
      ]),
    );
  }
  const temp = (name: string, dir: string) => `${name} ${path.join(prefix, dir)};`;
  writeFileSync(
    path.join(prefix, 'main.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
error_log ${path.join(prefix, 'logs', 'error.log')} warn;
pid ${path.join(prefix, 'nginx.pid')};
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${temp('client_body_temp_path', 'client_body')} ${temp('proxy_temp_path', 'proxy')} ${temp('fastcgi_temp_path', 'fastcgi')}
  ${temp('uwsgi_temp_path', 'uwsgi')} ${temp('scgi_temp_path', 'scgi')}
  include ${path.join(portal, 'nginx.conf')};
  ${options.tls ? `include ${path.join(portal, 'nginx-tls.conf')};` : ''}
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
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx 未能启动（退出码 ${child.exitCode}）：${output}${errorLog()}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx 20 秒内未就绪：${output}${errorLog()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    httpsPort,
    redirectPort,
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
