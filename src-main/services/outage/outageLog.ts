import { z } from 'zod';
import type { ActivityExport, LinkOutage } from '../../../src-shared/contract/api';
import { linkKinds, linkStates, type LinkStatus } from '../../../src-shared/contract/links';
import type { ActivityArgs, OutagesArgs } from '../../../src-shared/contract/schemas';
import { csvLines, csvRow } from '../../../src-shared/domain/csv';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { AuditLogRow, StoreQueries } from '../store/queries';

/**
 * The outage log: every state change of an outside link is an audit row (`link.state`), so it is
 * persisted in the same hash chain as everything else and survives restarts. Outages (start, end,
 * why it ended) are folded from those rows when asked; the shift lead's view and its export read them.
 */

/** How far back `system.outages` looks by default. */
export const DEFAULT_OUTAGE_WINDOW_MS = 7 * 24 * 3_600_000;
/** Rows timestamped by another clock can be a little out of order; ranges start this much earlier. */
const ORDER_SLACK_MS = 10 * 60_000;
/** An export holds at most this many events and this many audit rows (a week of a busy center). */
export const EXPORT_ROW_LIMIT = 200_000;

const linkStateDetails = z.object({
  kind: z.enum(linkKinds),
  label: z.string(),
  state: z.enum(linkStates),
  from: z.enum(linkStates).nullable(),
  detail: z.string().nullable().optional(),
});

export interface OutageLogDependencies {
  /** The store's reads of the audit trail and the event log. */
  readonly queries: () => Pick<
    StoreQueries,
    'auditHeadSeq' | 'linkRowsAfter' | 'firstSeqAt' | 'eventsBetween' | 'auditBetween'
  >;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly consoleCode: string;
  readonly writable: () => boolean;
  readonly recordAction: (action: {
    actor: string;
    action: string;
    subject: string;
    details: Record<string, unknown>;
  }) => void;
}

export interface OutageLog {
  /** Called by the link registry when a link's state (not just its detail) changed. */
  recordLinkState(status: LinkStatus, previous: LinkStatus | undefined): void;
  list(args: OutagesArgs): LinkOutage[];
  activity(args: ActivityArgs, actor: string): ActivityExport;
}

function isOutageState(state: LinkStatus['state'], from: LinkStatus['state'] | null): boolean {
  return state === 'down' || (state === 'connecting' && from === 'up');
}

export function createOutageLog(deps: OutageLogDependencies): OutageLog {
  const actor = `console:${deps.consoleCode}`;

  function recordLinkState(status: LinkStatus, previous: LinkStatus | undefined): void {
    if (!deps.writable()) return;
    try {
      deps.recordAction({
        actor,
        action: 'link.state',
        subject: `link:${status.id}`,
        details: {
          kind: status.kind,
          label: status.label,
          state: status.state,
          from: previous?.state ?? null,
          detail: status.detail ?? null,
        },
      });
    } catch (error) {
      deps.logger.error({ err: error, link: status.id }, 'could not log the link state change');
    }
  }

  // Link rows read so far, so that the view (which asks again at every link change) reads only the
  // audit rows appended since its last question instead of scanning a week of audit every time.
  let cache: { from: number; lastSeq: number; rows: AuditLogRow[] } | null = null;

  function linkRows(from: number): AuditLogRow[] {
    const queries = deps.queries();
    const head = queries.auditHeadSeq();
    if (!cache || from < cache.from) {
      cache = {
        from,
        lastSeq: head,
        rows: queries.linkRowsAfter(queries.firstSeqAt('audit', from) - 1, deps.consoleCode),
      };
    } else if (head > cache.lastSeq) {
      cache.rows.push(...queries.linkRowsAfter(cache.lastSeq, deps.consoleCode));
      cache.lastSeq = head;
    }
    return cache.rows.filter((row) => row.at >= from);
  }

  function list(args: OutagesArgs): LinkOutage[] {
    const now = deps.clock.now();
    const since = args.since ?? now - DEFAULT_OUTAGE_WINDOW_MS;
    const limit = args.limit ?? 200;
    // Replay from a day earlier, so an outage that began before `since` and lasted into it is found.
    const rows = linkRows(since - 24 * 3_600_000 - ORDER_SLACK_MS);
    const open = new Map<string, { -readonly [K in keyof LinkOutage]: LinkOutage[K] }>();
    const done: LinkOutage[] = [];
    const closeAll = (at: number): void => {
      for (const outage of open.values()) done.push({ ...outage, endedAt: at, endReason: 'console-stopped' });
      open.clear();
    };
    for (const row of rows) {
      if (row.action !== 'link.state') {
        closeAll(row.at);
        continue;
      }
      const parsed = linkStateDetails.safeParse(JSON.parse(row.details));
      if (!parsed.success) continue;
      const linkId = row.subject.replace(/^link:/, '');
      const { kind, label, state, from, detail } = parsed.data;
      const current = open.get(linkId);
      if (current && (state === 'up' || state === 'disabled')) {
        done.push({ ...current, endedAt: row.at, endReason: state === 'up' ? 'recovered' : 'disabled' });
        open.delete(linkId);
      } else if (!current && isOutageState(state, from)) {
        open.set(linkId, {
          linkId,
          kind,
          label,
          startedAt: row.at,
          endedAt: null,
          endReason: null,
          detail: detail ?? null,
        });
      }
    }
    return [...done, ...open.values()]
      .filter((outage) => outage.endedAt === null || outage.endedAt >= since)
      .sort((a, b) => b.startedAt - a.startedAt || a.linkId.localeCompare(b.linkId))
      .slice(0, limit);
  }

  function activity(args: ActivityArgs, requestedBy: string): ActivityExport {
    const queries = deps.queries();
    const events = queries.eventsBetween(
      queries.firstSeqAt('events', args.from - ORDER_SLACK_MS),
      args.from,
      args.to,
      EXPORT_ROW_LIMIT,
    );
    const actions = queries.auditBetween(
      queries.firstSeqAt('audit', args.from - ORDER_SLACK_MS),
      args.from,
      args.to,
      EXPORT_ROW_LIMIT,
    );
    const stamp = (at: number): string => new Date(at).toISOString();
    const name = `nida-${deps.consoleCode}-activity-${stamp(args.from).replaceAll(':', '')}-${stamp(args.to).replaceAll(':', '')}`;
    let text: string;
    if (args.format === 'json') {
      text = `${JSON.stringify(
        {
          console: deps.consoleCode,
          from: stamp(args.from),
          to: stamp(args.to),
          exportedAt: stamp(deps.clock.now()),
          exportedBy: requestedBy,
          truncated: events.length === EXPORT_ROW_LIMIT || actions.length === EXPORT_ROW_LIMIT,
          events: events.map((row) => ({
            id: row.id,
            at: stamp(row.at),
            stream: row.stream,
            streamId: row.stream_id,
            incidentId: row.incident_id,
            type: row.type,
            actor: row.actor,
            console: row.console_id,
            payload: JSON.parse(row.payload) as unknown,
          })),
          audit: actions.map((row) => ({
            seq: row.seq,
            at: stamp(row.at),
            actor: row.actor,
            console: row.console_id,
            action: row.action,
            subject: row.subject,
            details: JSON.parse(row.details) as unknown,
          })),
        },
        null,
        2,
      )}\n`;
    } else {
      const lines = [csvRow(['record', 'at', 'actor', 'console', 'type', 'subject', 'incident', 'details'])];
      const merged = [
        ...events.map((row) => ({
          at: row.at,
          cells: [
            'event',
            stamp(row.at),
            row.actor,
            row.console_id,
            row.type,
            `${row.stream}:${row.stream_id}`,
            row.incident_id,
            row.payload,
          ],
        })),
        ...actions.map((row) => ({
          at: row.at,
          cells: ['audit', stamp(row.at), row.actor, row.console_id, row.action, row.subject, null, row.details],
        })),
      ].sort((a, b) => a.at - b.at);
      for (const row of merged) lines.push(csvRow(row.cells));
      text = csvLines(lines);
    }
    // Exports leave the console: who took what is itself a line in the audit trail.
    if (deps.writable()) {
      deps.recordAction({
        actor: requestedBy,
        action: 'export.activity',
        subject: `console:${deps.consoleCode}`,
        details: { from: args.from, to: args.to, format: args.format, events: events.length, actions: actions.length },
      });
    }
    return {
      filename: `${name}.${args.format}`,
      mimeType: args.format === 'json' ? 'application/json' : 'text/csv',
      text,
      events: events.length,
      actions: actions.length,
    };
  }

  return { recordLinkState, list, activity };
}
