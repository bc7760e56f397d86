/** Strapi "blocks" rich text, as far as the domain needs it: its plain text. */
type Node = { type?: string; text?: unknown; children?: Node[] };

/** Plain text of a blocks value, one line per block. */
export function blocksText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  const walk = (nodes: Node[]): string => nodes.map((n) => (n.type === 'text' ? String(n.text ?? '') : walk(n.children ?? []))).join('');
  return (value as Node[]).map((node) => walk([node])).join('\n');
}
