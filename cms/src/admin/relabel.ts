/*
 * A few labels Strapi and its libraries write in English with no translation id to hang Chinese on
 * (checked against tests/browser/admin-chinese.test.ts): a document's status badge says "draft" to a
 * screen reader, the design system's dialogs "Close modal" (label and hidden text), its pagination "Pagination", sonner's
 * notification area "Notifications alt+T", and the bulk publish dialog heads its table "documentId",
 * "name", "status", "Publication status". They are relabelled where they appear.
 */

const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  draft: '草稿',
  published: '已发布',
  modified: '已修改',
  'Close modal': '关闭对话框',
  Pagination: '分页',
  'Notifications alt+T': '通知（Alt+T）',
};

/** Whole text nodes written in English by the design system (the dialogs' close button). */
const EXACT_TEXTS: Readonly<Record<string, string>> = {
  'Close modal': '关闭对话框',
};

/** Column heads of tables inside dialogs (the bulk publish and unpublish dialogs). */
const DIALOG_TABLE_HEADS: Readonly<Record<string, string>> = {
  documentId: '文档编号',
  name: '名称',
  status: '状态',
  'Publication status': '发布状态',
};

const ATTRIBUTES = ['aria-label', 'title'];

function relabelElement(element: Element): void {
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name);
    const chinese = value === null ? undefined : ATTRIBUTE_LABELS[value];
    if (chinese) element.setAttribute(name, chinese);
  }
}

function relabelTexts(root: Element, texts: Readonly<Record<string, string>>): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chinese = texts[node.nodeValue?.trim() ?? ''];
    if (chinese) node.nodeValue = chinese;
  }
}

function relabelTree(root: Element): void {
  relabelElement(root);
  relabelTexts(root, EXACT_TEXTS);
  for (const element of Array.from(root.querySelectorAll('[aria-label],[title]'))) relabelElement(element);
  const heads = root.matches('[role="dialog"] th, [role="alertdialog"] th')
    ? [root]
    : Array.from(root.querySelectorAll('[role="dialog"] th, [role="alertdialog"] th'));
  for (const head of heads) relabelTexts(head, DIALOG_TABLE_HEADS);
}

export function relabelHardCodedEnglish(): void {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') relabelElement(record.target as Element);
      else for (const node of Array.from(record.addedNodes)) if (node instanceof Element) relabelTree(node);
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ATTRIBUTES });
  relabelTree(document.body);
}
