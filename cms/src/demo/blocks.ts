/** Minimal Strapi "blocks" rich text, for content written in code (the demo). */
export type Blocks = Array<{ type: 'paragraph'; children: Array<{ type: 'text'; text: string }> }>;

export function paragraphs(...texts: string[]): Blocks {
  return texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}
