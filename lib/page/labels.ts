/**
 * The labels a number is read with: the text before it (a label in a previous element or its table column's
 * header) and the heading of its section. The detector reads "Order # 12345678" as an order number and
 * "<th>Phone</th>" over a column of bare digits as phone numbers; a heading may name a country (issue 10).
 * Shared by the linker and the popup's page list (./page-numbers.ts), so both read a number alike.
 */

import { LABEL_WINDOW, NUMBER_WORDS } from '../phone/labels';

/** How much text before a number the detector gets: the detector's own label window ("Order #", "Tel."). */
const BEFORE_CHARS = LABEL_WINDOW;

/**
 * The detector's options for a number read in `t`: the page's `reading` (its countries) with the text before
 * `t` and its section's heading. One object per read: this runs for every text node that holds digits.
 */
export function labelled<R extends object>(reading: R, t: Node, headers: WeakMap<Element, string[]>) {
  return { ...reading, before: textBefore(t, headers), heading: sectionHeading(t) };
}

const HEADING_RE = /^h[1-6]$/;

/**
 * The heading of the section `t` is in, for a country it names (issue 10: an office list's "<h3>France</h3>"
 * over an address and "Tél. 01 64 48 70 00"): the nearest h1–h6 among the previous siblings of `t`'s parent and
 * its ancestors, at most four levels up and four siblings back; "" when there is none that near.
 */
export function sectionHeading(t: Node): string {
  let el = t.parentElement;
  for (let up = 0; el !== null && up < 4; up++, el = el.parentElement) {
    if (HEADING_RE.test(el.localName)) return '';
    let sibling = el.previousElementSibling;
    for (let k = 0; sibling !== null && k < 4; k++, sibling = sibling.previousElementSibling) {
      if (HEADING_RE.test(sibling.localName)) return (sibling.textContent ?? '').slice(0, 80);
    }
  }
  return '';
}

/**
 * Up to {@link BEFORE_CHARS} of the text that precedes `t` nearby (its parent's grandparent at most), so the
 * detector sees a label in a previous element: `<th>Order</th><td>12345678</td>`, `<b>Tel.</b> 030 …`. In a
 * table cell under a header row, the column's header is the label instead (`<th>Phone</th>` above a column
 * of bare numbers, `<th>Kundennummer</th>` above numbers shaped like phones), unless a row header stands right
 * before the cell. `headers` caches each table's header row.
 */
export function textBefore(t: Node, headers?: WeakMap<Element, string[]>): string {
  const cell = cellOf(t);
  const header = cell ? columnHeader(cell, headers) : '';
  const limit = header ? cell : (t.parentNode?.parentNode?.parentNode ?? null);
  let out = '';
  let node: Node = t;
  for (let steps = 0; out.length < BEFORE_CHARS && steps < 24; steps++) {
    const p: Node | null = node.previousSibling;
    if (p) {
      // An element edge separates words: "Tél. 01 99 00 12 34<br>Fax 0199001235" must not read as "34Fax".
      if (p.nodeType === 1) out = ` ${out}`;
      node = p;
      while (node.lastChild) node = node.lastChild;
      if (node.nodeType === 3) out = (node as Text).data + out;
    } else {
      const up = node.parentNode;
      if (!up || up === limit || up.nodeType !== 1) break;
      node = up;
      // Leaving an element: its text and what came before it are separate words.
      out = ` ${out}`;
    }
  }
  if (header) out = `${header}: ${out}`;
  return out.replace(/\s+/g, ' ').slice(-BEFORE_CHARS).trimStart();
}

/** The table data cell `t` sits in (at most three elements up), or null. */
function cellOf(t: Node): Element | null {
  let n = t.parentNode;
  for (let i = 0; i < 3 && n && n.nodeType === 1; i++, n = n.parentNode) {
    const name = (n as Element).localName;
    if (name === 'td') return n as Element;
    if (name === 'th' || name === 'tr' || name === 'table') return null;
  }
  return null;
}

/** The header text of `cell`'s column ('' when its table has no header row or a row header precedes it). */
function columnHeader(cell: Element, headers?: WeakMap<Element, string[]>): string {
  const row = cell.parentElement;
  if (!row || row.localName !== 'tr') return '';
  let column = 0;
  const previous = cell.previousElementSibling;
  if (previous?.localName === 'th') return '';
  for (let c = previous; c; c = c.previousElementSibling) column += Number(c.getAttribute('colspan')) || 1;
  const table = row.closest('table');
  if (!table) return '';
  let texts = headers?.get(table);
  if (!texts) {
    texts = headerRow(table);
    headers?.set(table, texts);
  }
  const text = texts[column] ?? '';
  // "Number", "Número", "Nr." over a column says nothing of what the numbers are (the row's own words may).
  return LONE_QUALIFIER_RE.test(text) ? '' : text;
}

// The detector's "number" words and their short forms, alone: not its "ID" or "Code", which over a column do say
// what the numbers are (identifiers).
const LONE_QUALIFIER_RE = new RegExp(`^(?:no|nr|num|numbers|${NUMBER_WORDS}|#|n°|nº|№)\\.?:?$`, 'i');

/** Each column's header text: the table's first row when it holds header cells only, else none. */
function headerRow(table: Element): string[] {
  const row = table.querySelector('tr');
  const cells = row ? Array.from(row.children) : [];
  if (!cells.length || cells.some((c) => c.localName !== 'th')) return [];
  const texts: string[] = [];
  for (const c of cells) {
    const text = (c.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, BEFORE_CHARS);
    for (let k = Number(c.getAttribute('colspan')) || 1; k > 0; k--) texts.push(text);
  }
  return texts;
}
