/*
 * Rich text as a careless or hostile editor could save it: markup typed as text, unsafe link
 * schemes, attribute break-outs. Every payload, if it ever ran, would set `window.__xss` to its
 * number, so a browser test can tell which one got through.
 */

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const link = (url: string, label: string) => ({ type: 'link', url, children: [text(label)] });

export const XSS_MARKER = '__xss';

export const xssBlocks: unknown[] = [
  paragraph(text('<script>window.__xss=1</script>正文第一段')),
  paragraph(text('<img src=x onerror="window.__xss=2">')),
  paragraph(link('javascript:window.__xss=3', '脚本链接一')),
  paragraph(link('  JaVaScRiPt:window.__xss=4', '脚本链接二')),
  paragraph(link('data:text/html,<script>window.__xss=5</script>', '数据链接')),
  paragraph(link('https://example.com/" onmouseover="window.__xss=6', '引号越界链接')),
  paragraph(text('<iframe src="javascript:window.__xss=7"></iframe>')),
  paragraph(link('<iframe src=javascript:window.__xss=8>', '框架链接')),
  paragraph(text('<svg onload="window.__xss=9"></svg>'), { type: 'text', text: '</p><script>window.__xss=10</script>', bold: true }),
  { type: 'heading', level: 2, children: [text('</h3><script>window.__xss=11</script>')] },
  { type: 'code', children: [text('</code></pre><script>window.__xss=12</script>')] },
  { type: 'quote', children: [link('vbscript:msgbox(13)', '旧式脚本链接')] },
  {
    type: 'list',
    format: 'unordered',
    children: [{ type: 'list-item', children: [text('<a href="javascript:window.__xss=14">列表项</a>')] }],
  },
];

/** A title with markup in it, as a policy or interpretation might be saved. */
export const xssTitle = 'XSS测试文件<script>window.__xss=20</script>';

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'base']);
/** Elements whose data: address a browser would open as a document (an image or the portal's empty data:, icon cannot run script). */
const NAVIGABLE = new Set(['a', 'area', 'iframe', 'frame', 'object', 'embed', 'form']);
const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * What in a page could run script, read as a browser reads tags and quoted attributes (escaped
 * text such as &lt;script&gt; and quotes inside an attribute value are not markup): forbidden
 * elements, event-handler attributes, addresses with a script scheme, links to data: documents.
 */
export function dangerousMarkup(html: string): string[] {
  const findings: string[] = [];
  for (const [tag, name, attributes] of html.matchAll(TAG)) {
    if (FORBIDDEN_TAGS.has(name!.toLowerCase())) findings.push(tag);
    for (const [, attribute, ...values] of attributes!.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase();
      const value = decode(values.find((v) => v !== undefined) ?? '').replace(/[\s\u0000-\u001f]/g, '');
      if (key.startsWith('on')) findings.push(`${name} ${attribute}`);
      if (!['href', 'src', 'action', 'formaction', 'xlink:href'].includes(key)) continue;
      if (/^(javascript|vbscript):/i.test(value) || (/^data:/i.test(value) && NAVIGABLE.has(name!.toLowerCase())))
        findings.push(`${name} ${key}=${value}`);
    }
  }
  return findings;
}
