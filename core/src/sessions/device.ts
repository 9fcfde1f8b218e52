import UAParser from 'ua-parser-js';

/** Longest device label stored (a User-Agent can be any length; the label is for a person to read). */
const MAX_LABEL = 100;

/**
 * A session's device as a person would name it, from the User-Agent that started it: "Firefox on
 * Linux", "Mobile Safari on iOS", "Chrome", "Android"; "Unknown device" when the header says
 * nothing recognisable (curl, an MCP client, no header). Parsed by ua-parser-js 1.x (MIT; the 2.x
 * line is AGPL), which knows the browsers and systems by their tokens and versions.
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return 'Unknown device';
  const { browser, os } = new UAParser(userAgent.slice(0, 1000)).getResult();
  const label = browser.name && os.name ? `${browser.name} on ${os.name}` : (browser.name ?? os.name ?? 'Unknown device');
  return label.slice(0, MAX_LABEL);
}
