import { escapeHtml, safeHref } from './html.ts';

/*
 * Renders Strapi "blocks" rich text to HTML. Every text node is escaped and only known block
 * types are emitted, so nothing an editor types can become markup or script on the portal;
 * links keep only safe schemes (see safeHref).
 */

type Node = { type?: string; text?: string; children?: Node[]; [key: string]: unknown };

function inline(nodes: Node[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'text') {
        let html = escapeHtml(String(node.text ?? '')).replace(/\n/g, '<br>');
        if (node.code) html = `<code>${html}</code>`;
        if (node.bold) html = `<strong>${html}</strong>`;
        if (node.italic) html = `<em>${html}</em>`;
        if (node.underline) html = `<u>${html}</u>`;
        if (node.strikethrough) html = `<s>${html}</s>`;
        return html;
      }
      if (node.type === 'link') {
        const href = safeHref(node.url);
        const content = inline(node.children);
        return href ? `<a href="${escapeHtml(href)}" rel="noopener">${content}</a>` : content;
      }
      return inline(node.children);
    })
    .join('');
}

function block(node: Node, headingOffset: number): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.children)}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.level) || 2) + headingOffset);
      return `<h${level}>${inline(node.children)}</h${level}>`;
    }
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      const items = (node.children ?? []).map((item) =>
        item.type === 'list' ? block(item, headingOffset) : `<li>${inline(item.children)}</li>`,
      );
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote>${inline(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml((node.children ?? []).map((c) => String(c.text ?? '')).join(''))}</code></pre>`;
    case 'image': {
      const image = node.image as { url?: unknown; alternativeText?: unknown } | undefined;
      const src = safeHref(image?.url);
      return src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(String(image?.alternativeText ?? ''))}" loading="lazy">` : '';
    }
    default:
      return node.children ? `<p>${inline(node.children)}</p>` : '';
  }
}

/** HTML of a blocks value; `headingOffset` shifts heading levels to fit the page's outline. */
export function renderBlocks(value: unknown, headingOffset = 1): string {
  if (!Array.isArray(value)) return '';
  return (value as Node[]).map((node) => block(node, headingOffset)).join('\n');
}
