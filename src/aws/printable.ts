// Tag text is written by anyone with tag permission: shown or logged, its control characters must not act.

// C0 and C1 controls (ANSI escapes start with ESC or the 8-bit CSI), line and paragraph separators, and the
// bidirectional overrides that can make one name look like another.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Shows newlines, ANSI escapes and other control characters as escapes instead of acting on them. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** A list of keys as JSON for one log line; JSON alone leaves C1 controls and separators raw. */
export function keysForLog(keys: readonly string[]): string {
  return JSON.stringify(keys).replace(UNSAFE, escape);
}
