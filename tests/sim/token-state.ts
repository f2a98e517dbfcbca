/**
 * The state a token-issuing simulator keeps besides its protocol: its configuration, the tokens it issued and a
 * call counter, with the `reset` and `configure` every such simulator answers the same way (a `revokeTokens`
 * action forgets every issued token, so the next request meets the PBX's "unknown token" answer).
 */
export interface TokenSimState<Config> {
  /** The defaults, patched by `configure`; back to the defaults on `reset`. */
  readonly config: Config;
  /** Issued token → a time on the simulator clock (its expiry, or its last use where tokens slide). */
  readonly tokens: Map<string, number>;
  /** Counts a placed call: 1 for the first call since the last reset, then 2, … */
  nextCall(): number;
  /** Defaults again, no tokens, the call count from zero. */
  reset(): void;
  /** `revokeTokens: true` forgets every issued token; every other key replaces that configuration value. */
  configure(patch: Record<string, unknown>): void;
}

/** Creates the shared state of one token-issuing simulator (3CX, RingCentral, Yeastar P and S). */
export function tokenSimState<Config extends object>(defaults: Config): TokenSimState<Config> {
  let config: Config = { ...defaults };
  const tokens = new Map<string, number>();
  let callSeq = 0;
  return {
    get config() {
      return config;
    },
    tokens,
    nextCall: () => ++callSeq,
    reset() {
      config = { ...defaults };
      tokens.clear();
      callSeq = 0;
    },
    configure(patch) {
      const { revokeTokens, ...rest } = patch;
      if (revokeTokens) tokens.clear();
      config = { ...config, ...(rest as Partial<Config>) };
    },
  };
}
