import sanitizeHtml from 'sanitize-html';

/*
 * The second line of defence for rich text: lib/blocks.ts already escapes every text node and
 * refuses unsafe links, and this maintained sanitiser then keeps only the elements and attributes
 * that renderer can emit. A future change to the renderer that lets markup through is caught here.
 */

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'strong',
    'em',
    'u',
    's',
    'br',
    'a',
    'img',
  ],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'loading'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
};

/** Rendered rich-text HTML with anything outside the renderer's vocabulary removed or escaped. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options);
}
