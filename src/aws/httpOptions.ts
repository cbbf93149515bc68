// The HTTP settings every client shares, the Identity Center portal's included.

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Without throwOnRequestTimeout the handler only warns, and a hung request never ends. */
export function requestHandlerOptions(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
  return { connectionTimeout: 5_000, requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true };
}
