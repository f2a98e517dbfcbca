import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { textBefore } from './labels';
import { dials, fakeDetector, realDetector, setup } from '@/tests/unit/support/linker-page';

describe('labels: the text before a number', () => {
  it('passes the text before a number in neighbouring elements to the detector', () => {
    fakeDetector.calls.length = 0;
    const { linker, runAll } = setup('<table><tr><th>Order #</th><td>+1 415 555 0132</td></tr></table>');
    linker.start();
    runAll();
    expect(fakeDetector.calls.map((c) => c.before)).toEqual(['Order # ']);
  });

  it('separates the words on either side of an element edge', () => {
    const { document } = setup('<p id="p">Tél. 01 99 00 12 34<br>Fax 0199001235</p>');
    const fax = document.getElementById('p')!.lastChild!;
    expect(textBefore(fax)).toMatch(/Tél\. 01 99 00 12 34 $/);
  });

  it('collects nearby preceding text, at most 48 characters', () => {
    const { document } = parseHTML('<div><p><b>Tel.</b> <span id="n">+1</span></p></div>');
    expect(textBefore(document.getElementById('n')!.firstChild!)).toBe('Tel. ');
    const long = parseHTML(`<p>${'x'.repeat(100)}<span id="n">1</span></p>`).document;
    expect(textBefore(long.getElementById('n')!.firstChild!)).toHaveLength(48);
  });
});

describe('labels: table column headers', () => {
  it("reads a column's header as the label of its cells", () => {
    const table = `<table><thead><tr><th>Order</th><th>Phone</th><th colspan="2">Customer no.</th><th>Fax</th></tr></thead>
      <tbody><tr><td>4155550100</td><td>4155550101</td><td>x</td><td>(415) 555-0102</td><td>4155550103</td></tr></tbody></table>`;
    const { document, linker, runAll } = setup(table, { detector: realDetector });
    linker.start();
    runAll();
    // A bare run under "Phone" and "Fax" is a phone; a phone-shaped one under "Customer no." is not.
    expect(dials(document)).toEqual(['+14155550101', '+14155550103']);
  });

  it('ignores a column header that only says "number", and reads the row instead', () => {
    const { document, linker, runAll } = setup(
      `<table><thead><tr><th>Canal</th><th>Número</th></tr></thead>
       <tbody><tr><td>Vendas por telefone</td><td>2130654400</td></tr></tbody></table>`,
      { detector: realDetector, country: 'BR' },
    );
    linker.start();
    runAll();
    expect(dials(document)).toEqual(['+552130654400']);
  });

  it('lets a row header right before the cell speak for it, and leaves tables without a header row as they were', () => {
    const { document, linker, runAll } = setup(
      `<table><tr><th>Name</th><th>Customer no.</th></tr><tr><th>Phone</th><td>4155550101</td></tr></table>
       <table><tr><td>Phone</td><td>4155550102</td></tr></table>`,
      { detector: realDetector },
    );
    linker.start();
    runAll();
    expect(dials(document)).toEqual(['+14155550101', '+14155550102']);
  });
});
