import { describe, expect, it } from 'vitest';
import { CALL_LOG_FIELDS } from '../settings/schema';
import { CALL_LOGS } from './registry';

describe('call-log registry', () => {
  it('lists exactly the call logs the settings schema knows', () => {
    expect(Object.keys(CALL_LOGS).sort()).toEqual(Object.keys(CALL_LOG_FIELDS).sort());
  });

  it.each(Object.keys(CALL_LOG_FIELDS) as (keyof typeof CALL_LOG_FIELDS)[])('%s: under its own type', (type) => {
    const definition = CALL_LOGS[type];
    expect(definition.type).toBe(type);
    expect(definition.label.length).toBeGreaterThan(2);
  });
});
