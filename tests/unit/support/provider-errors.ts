/** Test helpers shared by the adapter tests: catching a ProviderError and checking what it shows. */
import { expect } from 'vitest';
import { ProviderError } from '@/lib/providers/types';

/** Everything a person or a log could see of an error: its message and details, without the cause. */
export function visibleText(error: ProviderError): string {
  const { cause: _cause, ...details } = error.details;
  return `${error.message} ${JSON.stringify(details)}`;
}

/**
 * Awaits `action`, which must fail with a ProviderError, and returns it after checking that none of
 * `secrets` appears in what it shows.
 */
export async function providerFailure(
  action: Promise<unknown> | (() => Promise<unknown>),
  secrets: readonly string[] = [],
): Promise<ProviderError> {
  const promise = typeof action === 'function' ? action() : action;
  const error = await promise.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const shown = visibleText(error as ProviderError);
  for (const secret of secrets) expect(shown).not.toContain(secret);
  return error as ProviderError;
}
