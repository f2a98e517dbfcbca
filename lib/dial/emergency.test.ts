import { describe, expect, it } from 'vitest';
import { english, localeText } from '@/tests/unit/support/locale';
import { emergencyNumber, emergencyText } from './emergency';

describe('emergencyNumber', () => {
  it.each([
    ['911', ['US']],
    ['tel:911', ['DE']],
    ['112', ['US']],
    ['999', ['AU']],
    ['000', ['GB']],
    ['1-1-2', ['FR']],
    ['110', ['DE']],
    ['111', ['NZ']],
    ['119', ['JP']],
    ['17', ['FR']],
    ['10111', ['ZA']],
    ['+1 911', ['DE']],
    ['+44 999', ['US']],
    ['0049 110', ['US']],
    ['sip:112@pbx.example', ['US']],
  ])('%s (page or default country %s) is an emergency number', (raw, hints) => {
    expect(emergencyNumber(raw, hints)).toBeDefined();
  });

  it('names the emergency number without separators', () => {
    expect(emergencyNumber('tel:9-1-1', ['US'])).toBe('911');
  });

  it('sees through the outbound prefix', () => {
    expect(emergencyNumber('9911', ['US'], '9')).toBe('911');
    expect(emergencyNumber('9911', ['US'], '')).toBeUndefined();
  });

  it.each([
    ['110', ['US']], // German police number, from a US browser on a US page: an ordinary short code there
    ['+14155550132', ['US']],
    ['0412 345 678', ['AU']],
    ['9110', ['US']],
    ['+49 110 123', ['DE']],
    ['call 911 later', ['US']],
    ['1234', ['US']],
  ])('%s (%s) is not', (raw, hints) => {
    expect(emergencyNumber(raw, hints)).toBeUndefined();
  });

  it('says why and what to do instead, never "invalid" or "add a country code"', () => {
    const message = english(emergencyText('911'));
    expect(message).toMatch(/^911 is an emergency number/);
    expect(message).toMatch(/Dial 911 on your phone directly/);
    expect(message).not.toMatch(/invalid|country code/i);
  });

  it('says it in German to a German user', () => {
    expect(localeText('de')(emergencyText('112'))).toMatch(/^112 ist eine Notrufnummer.*Wählen Sie 112 direkt/);
  });
});
