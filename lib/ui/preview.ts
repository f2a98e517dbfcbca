/**
 * The Dialing section's live preview: for a few sample numbers, exactly what the PBX will receive under
 * the current (unsaved) dialing settings, computed by the same `formatForPbx` the background uses.
 */
import { getExampleNumber, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { formatForPbx, type FormatOptions } from '@/lib/phone/format';
import { msg, type UiText } from '../i18n/text';

export interface PreviewRow {
  /** What the sample is ("A number in Germany"). */
  label: UiText;
  /** The sample as a person reads it. */
  shown: string;
  /** Exactly what the PBX receives, or null when the settings cannot produce it. */
  sent: string | null;
  /** Why nothing can be sent, or what happens to the extension. */
  note?: UiText;
}

export const SAMPLE_EXTENSION = '204';

function example(country: string): { e164: string; shown: string } | null {
  try {
    const number = getExampleNumber(country as CountryCode, examples);
    return number ? { e164: number.number, shown: number.formatInternational() } : null;
  } catch {
    return null;
  }
}

/** Where the "abroad" sample comes from: somewhere that is not home. */
export function abroadCountry(home: string): string {
  return home === 'GB' ? 'US' : 'GB';
}

/**
 * Preview rows for `dialing`. `extensionDialing` is the chosen provider's capability (undefined when no
 * provider is chosen yet); `countryName` turns a code into a name in the UI language.
 */
export function previewRows(
  dialing: FormatOptions,
  extensionDialing: boolean | undefined,
  providerName: string | undefined,
  countryName: (code: string) => string,
): PreviewRow[] {
  const home = dialing.defaultCountry.toUpperCase();
  const abroad = abroadCountry(home);
  const samples = [
    { label: msg('preview_home', countryName(home)), number: example(home), ext: false },
    { label: msg('preview_abroad', countryName(abroad)), number: example(abroad), ext: false },
    { label: msg('preview_extension', SAMPLE_EXTENSION), number: example(home), ext: true },
  ];
  const rows: PreviewRow[] = [];
  for (const sample of samples) {
    if (!sample.number) continue;
    const shown = sample.ext ? `${sample.number.shown} ext. ${SAMPLE_EXTENSION}` : sample.number.shown;
    let sent: string | null;
    let note: UiText | undefined;
    try {
      sent = formatForPbx(sample.number.e164, { ...dialing, defaultCountry: home });
    } catch (error) {
      rows.push({ label: sample.label, shown, sent: null, note: msg('preview_error', (error as Error).message) });
      continue;
    }
    if (sample.ext) {
      if (extensionDialing === undefined) note = msg('preview_ext_unknown');
      else if (extensionDialing) note = msg('preview_ext_sent', SAMPLE_EXTENSION, providerName ?? '');
      else note = msg('preview_ext_dropped', SAMPLE_EXTENSION, providerName ?? '');
    }
    rows.push({ label: sample.label, shown, sent, note });
  }
  return rows;
}
