import { parseMessage, senderRole, type RequestMessage, type SenderLike } from '@/lib/messages';

type Handlers = {
  [T in RequestMessage['type']]: (
    message: Extract<RequestMessage, { type: T }>,
    sender: SenderLike,
  ) => Promise<unknown>;
};

export interface RouterOptions {
  extensionId: string;
  /** e.g. `chrome-extension://abc…/` (from `runtime.getURL('/')`). */
  extensionOrigin: string;
  log?: (message: string) => void;
}

/**
 * The background's single entry for messages: checks the sender and the shape at the boundary, then
 * answers through the named handler. Dropped messages are logged and answered with nothing.
 */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  const log = options.log ?? ((m: string) => console.warn(m));
  return (raw: unknown, sender: SenderLike): Promise<unknown> | undefined => {
    const role = senderRole(sender, options.extensionId, options.extensionOrigin);
    const parsed = parseMessage(raw, role);
    if (!parsed.ok) {
      log(`PBX Click-to-Dial: dropped a message (${parsed.reason}) from ${sender.url ?? sender.id ?? 'unknown'}`);
      return undefined;
    }
    const handler = handlers[parsed.message.type] as (m: RequestMessage, s: SenderLike) => Promise<unknown>;
    return handler(parsed.message, sender);
  };
}

export type { Handlers };
