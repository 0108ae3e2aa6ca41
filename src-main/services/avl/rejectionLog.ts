import type { Logger } from '../runtime/logger';

const MINUTE = 60_000;

/**
 * Counts refused AVL messages by reason and logs each reason at most once a minute (with how many
 * were not logged since), so a misbehaving device cannot flood the log.
 */
export class RejectionLog {
  private readonly counts: Record<string, number> = {};
  private readonly lastLogged = new Map<string, { at: number; silenced: number }>();

  constructor(private readonly logger: Logger) {}

  record(reason: string, now: number, context: Readonly<Record<string, unknown>>): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    const last = this.lastLogged.get(reason);
    if (last !== undefined && now - last.at < MINUTE) {
      last.silenced++;
      return;
    }
    this.logger.warn(
      { reason, ...context, ...(last !== undefined && { notLoggedSince: last.silenced }) },
      'AVL message refused',
    );
    this.lastLogged.set(reason, { at: now, silenced: 0 });
  }

  snapshot(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }
}
