import { describe, expect, it } from 'vitest';
import { abroadCountry, previewRows } from './preview';

const name = (code: string) => `<${code}>`;

describe('previewRows', () => {
  it('shows exactly what formatForPbx sends for a home, an abroad and an extension sample', () => {
    const rows = previewRows(
      { numberFormat: 'dialable', outboundPrefix: '0', defaultCountry: 'DE' },
      true,
      'Custom',
      name,
    );
    expect(rows.map((r) => r.label)).toEqual([
      { key: 'preview_home', subs: ['<DE>'] },
      { key: 'preview_abroad', subs: ['<GB>'] },
      { key: 'preview_extension', subs: ['204'] },
    ]);
    // Home: national digits with the trunk 0, after the outbound prefix; abroad: 00 + 44 + number.
    expect(rows[0]!.sent).toMatch(/^00\d+$/);
    expect(rows[0]!.sent).toBe(`0${rows[0]!.shown.replace(/^\+49 /, '0').replace(/\D/g, '')}`);
    expect(rows[1]!.sent).toBe(`000${rows[1]!.shown.replace(/\D/g, '')}`);
    expect(rows[2]!.shown).toMatch(/ ext\. 204$/);
    expect(rows[2]!.note).toEqual({ key: 'preview_ext_sent', subs: ['204', 'Custom'] });
  });

  it('sends E.164 unchanged and without the prefix in the e164 format', () => {
    const rows = previewRows({ numberFormat: 'e164', outboundPrefix: '9', defaultCountry: 'US' }, false, 'Kazoo', name);
    for (const row of rows) expect(row.sent).toBe(row.shown.replace(/ ext\. 204$/, '').replace(/[^\d+]/g, ''));
    expect(rows[2]!.note).toEqual({ key: 'preview_ext_dropped', subs: ['204', 'Kazoo'] });
  });

  it('says the extension question is open until a provider is chosen', () => {
    const rows = previewRows(
      { numberFormat: 'digits', outboundPrefix: '', defaultCountry: 'FR' },
      undefined,
      undefined,
      name,
    );
    expect(rows[2]!.note).toEqual({ key: 'preview_ext_unknown' });
    expect(rows[0]!.sent).toMatch(/^33\d+$/);
  });

  it('explains instead of sending when the settings cannot produce a number', () => {
    const rows = previewRows({ numberFormat: 'dialable', outboundPrefix: '', defaultCountry: 'ZZ' }, true, 'X', name);
    // No example exists for an unknown home country; the abroad sample shows the formatter's own words.
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sent).toBeNull();
    expect(rows[0]!.note?.key).toBe('preview_error');
    expect(rows[0]!.note?.subs?.[0]).toMatch(/ZZ/);
  });

  it('takes the abroad sample from somewhere that is not home', () => {
    expect(abroadCountry('GB')).toBe('US');
    expect(abroadCountry('DE')).toBe('GB');
  });
});
