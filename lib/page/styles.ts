/**
 * How our links look: like the text they wrap (font and colour inherited), a subtle dotted underline, a
 * visible focus ring, and nothing that changes layout (no padding, margin, border or display change).
 * `all: unset` first, because a page's own `a { … }` rules would otherwise apply to our links too.
 */
export const LINK_CSS = `a[data-pbx-dial][href]{all:unset!important;cursor:pointer!important;text-decoration:underline dotted!important;text-decoration-thickness:1px!important;text-underline-offset:.15em!important}
a[data-pbx-dial][href]:hover{text-decoration-style:solid!important}
a[data-pbx-dial][href]:focus-visible{outline:2px solid!important;outline-offset:1px!important;border-radius:2px!important}`;

/** Where a stylesheet can be adopted: the document or an open shadow root. */
type StyleRoot = Document | ShadowRoot;

/**
 * Adds our one stylesheet to `root` without touching the page's own styles: a constructed stylesheet appended
 * to `adoptedStyleSheets` where the browser allows it from a content script, else a single `<style>` we own.
 */
export function adoptLinkStyles(root: StyleRoot, sheet: CSSStyleSheet | null): void {
  if (sheet) {
    try {
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Firefox's content-script wrappers refuse arrays from the content script's compartment: use <style>.
    }
  }
  const doc = root.nodeType === 9 ? (root as Document) : (root as ShadowRoot).host.ownerDocument;
  const style = doc.createElement('style');
  style.setAttribute('data-pbx-style', '');
  style.textContent = LINK_CSS;
  const parent = root.nodeType === 9 ? (doc.head ?? doc.documentElement) : root;
  parent.appendChild(style);
}

/** A constructed stylesheet holding {@link LINK_CSS}, or null where constructable stylesheets are unavailable. */
export function createLinkSheet(): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(LINK_CSS);
    return sheet;
  } catch {
    return null;
  }
}
