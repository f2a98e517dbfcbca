import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex } from './md5';

const nodeMd5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('md5Hex', () => {
  // The test suite of RFC 1321, appendix A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('RFC 1321 vector %j', (input, digest) => {
    expect(md5Hex(input)).toBe(digest);
  });

  it('hashes the UTF-8 bytes of non-ASCII passwords', () => {
    expect(md5Hex('пароль')).toBe(nodeMd5('пароль'));
    expect(md5Hex('pässwörd ✓ 😀')).toBe(nodeMd5('pässwörd ✓ 😀'));
  });

  // Lengths around the 56/64-byte padding boundaries are where hand-written MD5s usually break.
  it('agrees with node:crypto at every length from 0 to 200 bytes', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'x'.repeat(length);
      expect(md5Hex(text), `length ${length}`).toBe(nodeMd5(text));
    }
  });

  it('agrees with node:crypto on random inputs', () => {
    for (let i = 0; i < 50; i++) {
      const text = randomBytes(1 + i * 37).toString('base64');
      expect(md5Hex(text)).toBe(nodeMd5(text));
    }
  });

  it('returns 32 lower-case hex characters', () => {
    expect(md5Hex('Secret123')).toMatch(/^[0-9a-f]{32}$/);
  });
});
