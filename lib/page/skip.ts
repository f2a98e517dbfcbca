/**
 * Regions the content script never changes (../shared/design.md, "The page contract"): editable regions,
 * script, style, noscript, template, title, svg text, existing links (`<a href>`) and buttons; and what the page hides with
 * the `hidden` attribute, until it shows it. Checked by tag name and attribute while
 * walking (no selector matching and no style or layout reads per node), and once with {@link SKIP_SELECTOR}
 * for the ancestors of where a walk starts.
 */

/** Elements whose whole subtree is left alone, by `localName` (SVG and MathML keep their case: `svg`, `math`). */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'area',
  'button',
  'label', // a click on it works its form control
  'input',
  'textarea', // its text child is the editable value
  'select',
  'option',
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'head',
  'svg', // svg <text> cannot hold an HTML <a>
  'math',
  'iframe', // each frame runs its own content script
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
]);

/**
 * Matches an element that starts a skipped region (used with `closest()` for the ancestors above a walk's start).
 * `contenteditable="false"` alone is not editable; everything inside an editable host is skipped, its
 * non-editable islands included, because the user's editor owns them.
 */
export const SKIP_SELECTOR = [
  ...SKIP_TAGS,
  'a[href]',
  '[hidden]',
  '[role="button"]',
  '[role="textbox"]',
  '[contenteditable]:not([contenteditable="false" i])',
].join(',');

/** Whether an element the walk reaches starts a skipped subtree. */
export function isSkippedElement(el: Element): boolean {
  if (SKIP_TAGS.has(el.localName)) return true;
  // Existing links, and ours. An `<a>` without `href` is no link (menus use it as a plain container, issue 10):
  // the browser gives it no action, so a number in it is linked like any text.
  if (el.localName === 'a' && el.hasAttribute('href')) return true;
  // Content the page keeps hidden (closed tabs, templates of its own) is linked when it is shown.
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  const role = el.getAttribute('role');
  return role === 'button' || role === 'textbox';
}

/** Whether a node sits inside a skipped region, looking at its ancestors (not past a shadow root). */
export function isInsideSkipped(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return false;
  return el.closest(SKIP_SELECTOR) !== null;
}
