// The HTTP settings every client shares, the Identity Center portal's included.

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sockets one client may open. The SDK's default of 50 would cap one scope's key reads at 50 in flight, which at
 * 80 ms a call is the listing's limit; the call gate shared by every scope bounds the total instead.
 */
const MAX_SOCKETS = 128;

/** Without throwOnRequestTimeout the handler only warns, and a hung request never ends. */
export function requestHandlerOptions(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
  const agent = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return {
    connectionTimeout: 5_000,
    requestTimeout: requestTimeoutMs,
    throwOnRequestTimeout: true,
    httpAgent: agent,
    httpsAgent: agent,
  };
}
