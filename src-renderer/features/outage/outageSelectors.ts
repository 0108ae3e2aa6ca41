import type { LinkStatus } from '../../../src-shared/contract/links';

/** A link that is counting as an outage in the room: down, or still not back after this long. */
export const CONNECTING_GRACE_MS = 15_000;

/** The outside links that are out now (the banner and the outage view), oldest outage first. */
export function linksOut(links: Readonly<Record<string, LinkStatus>>, now: number): LinkStatus[] {
  return Object.values(links)
    .filter(
      (link) =>
        link.kind !== 'host' &&
        (link.state === 'down' || (link.state === 'connecting' && now - link.since >= CONNECTING_GRACE_MS)),
    )
    .sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
}
