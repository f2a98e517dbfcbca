import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../messages';
import { createHistoryStore, HISTORY_KEY, HISTORY_LIMIT, originOf, sanitizeHistory } from './history';
import { badgeFor, createStatusStore, STATUS_KEY } from './status';
import { english } from '@/tests/unit/support/locale';
import { memoryArea } from './test-fakes';

const entry = (i: number): HistoryEntry => ({
  id: `e${i}`,
  number: '+14155550132',
  display: '+1 415 555 0132',
  time: i,
  source: 'link',
  result: 'queued',
});

describe('history store', () => {
  it('keeps the last 100 dials, newest first', async () => {
    const area = memoryArea();
    const store = createHistoryStore(area);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) await store.add(entry(i));
    const list = await store.list();
    expect(list).toHaveLength(100);
    expect(list[0]!.id).toBe('e105');
    expect(list.at(-1)!.id).toBe('e6');
  });

  it('loses no entry when two dials finish at the same time', async () => {
    const store = createHistoryStore(memoryArea());
    await Promise.all([store.add(entry(1)), store.add(entry(2)), store.add(entry(3))]);
    expect((await store.list()).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
  });

  it('clears', async () => {
    const area = memoryArea();
    const store = createHistoryStore(area);
    await store.add(entry(1));
    await store.clear();
    expect(area.data[HISTORY_KEY]).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('drops malformed stored entries instead of failing', () => {
    expect(sanitizeHistory('nope')).toEqual([]);
    expect(sanitizeHistory([entry(1), { id: 2 }, null, { ...entry(3), source: 'evil' }])).toEqual([entry(1)]);
  });
});

describe('originOf', () => {
  it('keeps scheme, host and port only', () => {
    expect(originOf('https://crm.example.com:8443/contacts/42?q=secret#x')).toBe('https://crm.example.com:8443');
    expect(originOf('file:///home/me/list.html')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });
});

describe('status and badge', () => {
  it('remembers the last failure until a success', async () => {
    const area = memoryArea();
    const status = createStatusStore(area);
    await status.failed({ time: 5, message: 'MaxoTel rejected the API key' });
    expect(await status.lastError()).toEqual({ time: 5, message: 'MaxoTel rejected the API key' });
    await status.succeeded();
    expect(await status.lastError()).toBeUndefined();
    area.data[STATUS_KEY] = { lastError: { time: 'x' } };
    expect(await status.lastError()).toBeUndefined();
  });

  it('shows "?" when not configured, "!" after a failure, nothing when all is well', () => {
    const notSetUp = badgeFor({ configured: false });
    expect(notSetUp.text).toBe('?');
    expect(english(notSetUp.title)).toMatch(/not set up/);
    const failed = badgeFor({ configured: true, lastError: { time: 1, message: 'PBX unreachable' } });
    expect(failed.text).toBe('!');
    expect(english(failed.title)).toBe('PBX Click-to-Dial: PBX unreachable');
    expect(badgeFor({ configured: true }).text).toBe('');
    expect(english(badgeFor({ configured: true }).title)).toBe('PBX Click-to-Dial');
  });
});
