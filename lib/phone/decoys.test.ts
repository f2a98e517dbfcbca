import { describe, expect, it } from 'vitest';
import {
  DECOY_KINDS,
  findDecoys,
  isbnValid,
  isPaginationRun,
  isPlausibleDate,
  luhnValid,
  type DecoyKind,
} from './decoys';

const decoys = (run: string): string[] => {
  const out: number[] = [];
  findDecoys(run, run.replace(/\D/g, '').length, out);
  const parts: string[] = [];
  for (let i = 0; i < out.length; i += 2) parts.push(run.slice(out[i], out[i + 1]));
  return parts;
};

describe('findDecoys', () => {
  it('finds dates and date ranges but not dotted phone numbers', () => {
    expect(decoys('2024-01-15')).toEqual(['2024-01-15']);
    expect(decoys('15.01.2024 - 20.01.2024')).toEqual(['15.01.2024 - 20.01.2024']);
    expect(decoys('06.12.34.56.78')).toEqual([]);
    expect(decoys('45.67.2024')).toEqual([]); // no month 67
  });
  it('finds times, IPs, versions, coordinates, cards, ZIP ranges and timestamps', () => {
    expect(decoys('9.00 - 17.30')).toEqual(['9.00 - 17.30']);
    expect(decoys('192.168.100.200')).toEqual(['192.168.100.200']);
    expect(decoys('10.0.19045')).toEqual(['10.0.19045']);
    expect(decoys('37.7749 -122.4194')).toEqual(['37.7749 -122.4194']);
    expect(decoys('4111 1111 1111 1111')).toEqual(['4111 1111 1111 1111']);
    expect(decoys('94000-94999')).toEqual(['94000-94999']);
    expect(decoys('1705312345')).toEqual(['1705312345']);
  });
  it('leaves phone shapes alone', () => {
    for (const run of [
      '415.555.0132',
      '(415) 555-0132',
      '01 23 45 67 89',
      '+1.415.555.0132',
      '06221-12345',
      '0171 1234 5678',
    ]) {
      expect(decoys(run)).toEqual([]);
    }
  });
});

describe('checksums and shapes', () => {
  it('luhnValid', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('isbnValid', () => {
    expect(isbnValid('978-0-306-40615-7')).toBe(true);
    expect(isbnValid('0-306-40615-2')).toBe(true);
    expect(isbnValid('0-306-40615-3')).toBe(false);
  });
  it('isPlausibleDate', () => {
    expect(isPlausibleDate('01/15/2024')).toBe(true);
    expect(isPlausibleDate('15.01.2024')).toBe(true);
    expect(isPlausibleDate('13.13.2024')).toBe(false);
    expect(isPlausibleDate('2024-13-01')).toBe(false);
  });
  it('isPaginationRun', () => {
    expect(isPaginationRun(['1', '2', '3', '4', '5'])).toBe(true);
    expect(isPaginationRun(['01', '23', '45', '67', '89'])).toBe(false);
    expect(isPaginationRun(['1', '2', '3'])).toBe(false);
  });
});

describe('findDecoys: dotted thousands', () => {
  it('finds 10+ digit counts grouped by dots, not phone numbers or IPs twice', () => {
    expect(decoys('4.155.550.164')).toEqual(['4.155.550.164']);
    expect(decoys('1.234.567.890')).toEqual(['1.234.567.890']);
    expect(decoys('192.168.100.200')).toEqual(['192.168.100.200']);
    expect(decoys('912.345.678')).toEqual([]); // a Spanish phone number written with dots
    expect(decoys('0.412.345.678')).toEqual([]);
  });
});

describe('findDecoys: the kind of each range (the rule ids of issue 16)', () => {
  it('reports the shape of every range it finds, one kind a range', () => {
    const run = '2024-01-15 192.168.100.200 4111 1111 1111 1111';
    const out: number[] = [];
    const kinds: DecoyKind[] = [];
    findDecoys(run, run.replace(/\D/g, '').length, out, false, kinds);
    expect(kinds).toEqual(['date', 'ip-address', 'card-grouped']);
    expect(out).toHaveLength(2 * kinds.length);
    expect(run.slice(out[2], out[3])).toBe('192.168.100.200');
    for (const kind of kinds) expect(DECOY_KINDS).toContain(kind);
  });
});
