/**
 * How a dial or a call log fails: the deadline that ends the wait for an adapter, and the words a failure is
 * reported in (the notification, the history, the popup, the connection test).
 */
import { ProviderError } from '../net/errors';

/**
 * "MaxoTel rejected the API key (MaxoTel said: "UNAUTHORISED: …")": the adapter's summary and the provider's own
 * words, each once.
 */
export function failureText(error: unknown): { kind: string; text: string } {
  if (error instanceof ProviderError) {
    const own = error.details.providerMessage?.trim();
    const text =
      own && !error.message.includes(own)
        ? `${error.message} (${error.details.provider} said: "${own}")`
        : error.message;
    return { kind: error.kind, text };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', text: `Something unexpected went wrong: ${message}` };
}

/** The wait for an adapter or a call log ran past its deadline. */
export class DialTimeout extends Error {}

/** `promise`, or a {@link DialTimeout} after `ms`; the promise itself runs on. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DialTimeout()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
