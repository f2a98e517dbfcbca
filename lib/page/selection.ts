/**
 * The text selected in a frame, for the "call selection" keyboard shortcut. A selection inside a text field
 * is not part of `getSelection()`, so the focused input's own selection is read first.
 */
export function selectedText(doc: Document): string {
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (active && (active.localName === 'textarea' || active.localName === 'input')) {
    try {
      const { selectionStart, selectionEnd, value } = active;
      if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) {
        return value.slice(selectionStart, selectionEnd).trim();
      }
    } catch {
      // Inputs of type email, number, … have no selection API and throw: fall through to the page selection.
    }
  }
  return (doc.getSelection()?.toString() ?? '').trim();
}
