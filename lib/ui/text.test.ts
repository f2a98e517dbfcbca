import { describe, expect, it } from 'vitest';
import { formatMessage, msg, type MessageTable } from './text';

const table: MessageTable = {
  plain: { message: 'Hello' },
  greet: {
    message: 'Hello $Name$, you owe $$$AMOUNT$',
    placeholders: { name: { content: '$1' }, amount: { content: '$2' } },
  },
  wrap: { message: '$INNER$!', placeholders: { inner: { content: '$1' } } },
};

describe('formatMessage (browser.i18n.getMessage under Node)', () => {
  it('fills named placeholders from the substitutions, case-insensitively, and reads $$ as a dollar', () => {
    expect(formatMessage(table, msg('greet', 'Ann', '5'))).toBe('Hello Ann, you owe $5');
    expect(formatMessage(table, msg('plain'))).toBe('Hello');
  });

  it('leaves the substitutions as they are (a provider may write "$$")', () => {
    expect(formatMessage(table, msg('greet', 'US$$', '5'))).toBe('Hello US$$, you owe $5');
  });

  it('translates a nested text first', () => {
    expect(formatMessage(table, msg('wrap', msg('greet', 'Bo', '1')))).toBe('Hello Bo, you owe $1!');
  });

  it('gives the key itself when the table lacks it, as t() does', () => {
    expect(formatMessage(table, msg('missing', 'x'))).toBe('missing');
  });
});
