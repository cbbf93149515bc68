// Where signed requests may go without asking: AWS's own domains, and this machine (a local emulator). An
// endpoint from a repository's workspace settings anywhere else would receive the user's access key ID, session
// token and every answer the tree trusts, so the user confirms it once per workspace.

const AWS_DOMAINS = [/\.amazonaws\.com$/, /\.amazonaws\.com\.cn$/, /\.api\.aws$/, /\.amazonaws-us-gov\.com$/];

/** True for an http(s) URL whose host is loopback or an AWS domain; false for anything else or not a URL. */
export function isKnownEndpoint(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    host = parsed.hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)) return true;
  return AWS_DOMAINS.some((domain) => domain.test(host));
}
