import { z } from 'astro/zod';
import { escapeHtml, safeHref } from './html.ts';

/*
 * Strapi "blocks" rich text: the Zod schema of the blocks the portal renders (the content
 * collections parse every rich-text field with it, so a block the renderer does not know fails the
 * build with its path instead of vanishing from a page), and the renderer to HTML. Every text node
 * is escaped and only these block types are emitted, so nothing an editor types can become markup
 * or script on the portal; links keep only safe schemes (see safeHref).
 */

export type TextNode = {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
};
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;
export type ListItemNode = { type: 'list-item'; children: InlineNode[] };
export type ListBlock = { type: 'list'; format: 'ordered' | 'unordered'; indentLevel?: number; children: Array<ListItemNode | ListBlock> };
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: number; children: InlineNode[] }
  | ListBlock
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; language?: string; children: InlineNode[] }
  | { type: 'image'; image: { url: string; alternativeText?: string | null }; children?: InlineNode[] };
export type Blocks = Block[];

const flag = z.boolean().optional();
const textNode = z.object({
  type: z.literal('text'),
  text: z.string(),
  bold: flag,
  italic: flag,
  underline: flag,
  strikethrough: flag,
  code: flag,
});
const linkNode = z.object({ type: z.literal('link'), url: z.string(), children: z.array(textNode) });
const inline = z.array(z.discriminatedUnion('type', [textNode, linkNode]));
const listItem = z.object({ type: z.literal('list-item'), children: inline });
const listBlock: z.ZodType<ListBlock> = z.lazy(() =>
  z.object({
    type: z.literal('list'),
    format: z.enum(['ordered', 'unordered']),
    indentLevel: z.number().optional(),
    children: z.array(z.union([listItem, listBlock])),
  }),
);

/** A blocks value as the CMS stores it, restricted to what `renderBlocks` draws. */
export const blocksSchema: z.ZodType<Blocks> = z.array(
  z.union([
    z.object({ type: z.literal('paragraph'), children: inline }),
    z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), children: inline }),
    listBlock,
    z.object({ type: z.literal('quote'), children: inline }),
    z.object({ type: z.literal('code'), language: z.string().optional(), children: inline }),
    z.object({
      type: z.literal('image'),
      image: z.object({ url: z.string(), alternativeText: z.string().nullish() }),
      children: inline.optional(),
    }),
  ]),
);

function inlineHtml(nodes: InlineNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'link') {
        const href = safeHref(node.url);
        const content = inlineHtml(node.children);
        return href ? `<a href="${escapeHtml(href)}" rel="noopener">${content}</a>` : content;
      }
      let html = escapeHtml(node.text).replace(/\n/g, '<br>');
      if (node.code) html = `<code>${html}</code>`;
      if (node.bold) html = `<strong>${html}</strong>`;
      if (node.italic) html = `<em>${html}</em>`;
      if (node.underline) html = `<u>${html}</u>`;
      if (node.strikethrough) html = `<s>${html}</s>`;
      return html;
    })
    .join('');
}

function plain(nodes: InlineNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : plain(node.children))).join('');
}

function listHtml(node: ListBlock, headingOffset: number): string {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items = node.children.map((item) =>
    item.type === 'list' ? listHtml(item, headingOffset) : `<li>${inlineHtml(item.children)}</li>`,
  );
  return `<${tag}>${items.join('')}</${tag}>`;
}

function block(node: Block, headingOffset: number): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inlineHtml(node.children)}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, node.level) + headingOffset);
      return `<h${level}>${inlineHtml(node.children)}</h${level}>`;
    }
    case 'list':
      return listHtml(node, headingOffset);
    case 'quote':
      return `<blockquote>${inlineHtml(node.children)}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(plain(node.children))}</code></pre>`;
    case 'image': {
      const src = safeHref(node.image.url);
      return src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(node.image.alternativeText ?? '')}" loading="lazy">` : '';
    }
  }
}

/** HTML of a blocks value; `headingOffset` shifts heading levels to fit the page's outline. */
export function renderBlocks(value: Blocks | null | undefined, headingOffset = 1): string {
  return (value ?? []).map((node) => block(node, headingOffset)).join('\n');
}
