import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TimelineEntry } from '../../../src-shared/contract/api';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { acquireProfileLock, ProfileLockedError } from '../../host/profileLock';
import type { AuditAction } from '../../services/store/audit';
import { appendAuditBesideHost } from '../../services/store/maintenance';
import { Store } from '../../services/store/store';
import { fail, messageOf, requireDatabase, storeOptionsOf, type Target } from './common';

type AuditOutcome =
  | { readonly audited: true; readonly via: 'store' | 'beside-host' }
  | { readonly audited: false; readonly reason: string };

/**
 * Records a security-relevant action: through the store when no console runs (taking the profile
 * lock), else beside the running console (`appendAuditBesideHost`).
 */
function recordAudit(target: Target, action: Omit<AuditAction, 'at' | 'consoleId'>): AuditOutcome {
  let release: (() => void) | null = null;
  try {
    release = acquireProfileLock(target.dataDir, target.profile);
  } catch (error) {
    if (!(error instanceof ProfileLockedError)) throw error;
  }
  if (release) {
    try {
      const store = Store.open(storeOptionsOf(target));
      try {
        if (!store.status.writable)
          return { audited: false, reason: store.status.problem ?? 'the store refuses writes' };
        store.recordAction(action);
        return { audited: true, via: 'store' };
      } finally {
        store.close();
      }
    } catch (error) {
      return { audited: false, reason: messageOf(error) };
    } finally {
      release();
    }
  }
  const outcome = appendAuditBesideHost(target.path, target.config.consoleCode, action, Date.now());
  return outcome.appended ? { audited: true, via: 'beside-host' } : { audited: false, reason: outcome.reason };
}

/** The incident and its timeline, read beside any running console. */
function readIncident(
  target: Target,
  reference: string,
): { incident: IncidentRecord; timeline: TimelineEntry[] } | 'missing' {
  const store = Store.openReadOnly(storeOptionsOf(target));
  try {
    const id = store.queries.incidentIdByReference(reference.trim().toUpperCase());
    const incident = id !== null ? store.getIncident(id) : null;
    if (!incident) return 'missing';
    return { incident, timeline: store.timeline(incident.id) };
  } finally {
    store.close();
  }
}

/** `nida db export`: one incident with its full timeline and notes as JSON, recorded in the audit trail. */
export function exportIncident(target: Target, reference: string, out: string | undefined): void {
  if (!requireDatabase(target)) return;
  let read: ReturnType<typeof readIncident>;
  try {
    read = readIncident(target, reference);
  } catch (error) {
    fail(target, messageOf(error), { incident: reference });
    return;
  }
  if (read === 'missing') {
    fail(target, `there is no incident ${reference} in the ${target.profile} profile`, { incident: reference });
    return;
  }
  const { incident, timeline } = read;

  const notes = timeline.flatMap((entry) => {
    if (entry.type !== 'incident.noteAdded') return [];
    const payload = entry.payload as { noteId?: string; text?: string };
    return [{ id: payload.noteId ?? entry.id, at: entry.at, actor: entry.actor, text: payload.text ?? '' }];
  });
  const now = Date.now();
  const document = {
    format: 'nida.incident-export',
    formatVersion: 1,
    exportedAt: new Date(now).toISOString(),
    exportedBy: target.config.operatorName,
    center: target.config.center.code,
    console: target.config.consoleCode,
    profile: target.profile,
    timeZone: target.config.timeZone,
    incident,
    notes,
    timeline,
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const destination = out ? resolve(out) : null;
  if (destination) writeFileSync(destination, text);
  else process.stdout.write(text);

  const outcome = recordAudit(target, {
    actor: target.config.operatorName,
    action: 'export',
    subject: `incident:${incident.id}`,
    details: {
      number: incident.number,
      profile: target.profile,
      to: destination ?? 'stdout',
      events: timeline.length,
      sha256,
    },
  });
  const summary = {
    incident: incident.number,
    incidentId: incident.id,
    events: timeline.length,
    notes: notes.length,
    path: destination,
    sha256,
    ...outcome,
  };
  const lines = [
    `exported ${incident.number} (${timeline.length} events, ${notes.length} notes)${destination ? ` to ${destination}` : ''}`,
    outcome.audited
      ? `  recorded in the audit trail (sha256 ${sha256})`
      : `nida: the export was NOT recorded in the audit trail: ${outcome.reason}`,
  ];
  if (!outcome.audited) process.exitCode = 1;
  // Without --out the document is stdout; the summary goes beside it, on stderr.
  const stream = destination && outcome.audited ? process.stdout : process.stderr;
  stream.write(target.json ? `${JSON.stringify({ ok: outcome.audited, ...summary })}\n` : `${lines.join('\n')}\n`);
}
