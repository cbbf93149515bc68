// What a notification may show of untrusted text. Pure (no VS Code import), so it is unit-tested.

/**
 * Notifications turn "[text](command:...)" or "[text](https://...)" into a link (and hide the brackets and the
 * target), so a tag key shaped like one could be clicked to run a command. A zero-width space between "]" and "("
 * keeps the text as the user typed it to the eye, and no longer a link.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}
