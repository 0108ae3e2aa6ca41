import type { Database, Statement } from 'better-sqlite3';
import { normalizeForSearch } from '../../../src-shared/domain/arabic';
import { addressPartsInOrder, type IraqiAddress } from '../../../src-shared/domain/iraqiAddress';
import type { SearchVocabulary } from './search';
import { KPI_TABLES, KpiFactsUpkeep } from './kpiFacts';
import { locationNameWords, type LocationName } from '../../../src-shared/domain/locationNames';
import {
  applyIncidentEvent,
  type IncidentAgency,
  type IncidentEvent,
  type IncidentRecord,
  type IncidentStatus,
  type IncidentUnit,
} from '../../../src-shared/domain/incident';

export interface IncidentRow {
  seq: number;
  id: string;
  number: string;
  status: string;
  type_code: string;
  priority: number;
  agencies: string;
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  location_source: string | null;
  address: string | null;
  address_parts: string | null;
  caller_name: string | null;
  caller_number: string | null;
  call_ids: string;
  linked_ids: string;
  merged_into: string | null;
  priority_reason: string | null;
  disposition: string | null;
  received_at: number | null;
  answered_at: number | null;
  created_at: number;
  routed_at: number | null;
  dispatched_at: number | null;
  en_route_at: number | null;
  on_scene_at: number | null;
  closed_at: number | null;
  units: string;
  /** JSON of the LocationName, when the incident's events named its location. */
  location_name: string | null;
  updated_at: number;
  version: number;
}

export function incidentFromRow(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    number: row.number,
    status: row.status as IncidentStatus,
    typeCode: row.type_code,
    priority: row.priority,
    agencies: JSON.parse(row.agencies) as IncidentAgency[],
    location:
      row.lat !== null && row.lon !== null
        ? {
            lat: row.lat,
            lon: row.lon,
            ...(row.accuracy_m !== null && { accuracyM: row.accuracy_m }),
            source: (row.location_source ?? 'manual') as NonNullable<IncidentRecord['location']>['source'],
          }
        : null,
    locationName: row.location_name === null ? null : (JSON.parse(row.location_name) as LocationName),
    address: row.address,
    addressParts: row.address_parts === null ? null : (JSON.parse(row.address_parts) as IraqiAddress),
    callerName: row.caller_name,
    callerNumber: row.caller_number,
    callIds: JSON.parse(row.call_ids) as string[],
    linkedIncidentIds: JSON.parse(row.linked_ids) as string[],
    mergedInto: row.merged_into,
    priorityReason: row.priority_reason,
    disposition: row.disposition,
    receivedAt: row.received_at,
    answeredAt: row.answered_at,
    createdAt: row.created_at,
    routedAt: row.routed_at,
    dispatchedAt: row.dispatched_at,
    enRouteAt: row.en_route_at,
    onSceneAt: row.on_scene_at,
    closedAt: row.closed_at,
    units: JSON.parse(row.units) as IncidentUnit[],
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** A note added while a batch is open, inserted when it ends. */
interface DeferredNote {
  readonly id: string;
  readonly incidentId: string;
  readonly at: number;
  readonly actor: string;
  readonly text: string;
}

/** Text a dispatcher may search an incident by (normalized before indexing). */
export function searchTextOf(incident: IncidentRecord, vocabulary?: SearchVocabulary): string {
  return normalizeForSearch(
    [
      incident.number,
      incident.address,
      ...addressPartsInOrder(incident.addressParts).map(([, value]) => value),
      incident.callerName,
      incident.callerNumber,
      incident.typeCode,
      ...(vocabulary?.typeNames(incident.typeCode) ?? []),
      ...(vocabulary && incident.location ? vocabulary.placeNames(incident.location) : []),
      ...(incident.locationName ? locationNameWords(incident.locationName) : []),
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/**
 * Writes incident events into the projection tables (incidents, incident_agencies, incident_notes,
 * and the search indexes). Deterministic: the same events in the same order give the same rows.
 */
export class IncidentProjection {
  static readonly tables = [
    ...KPI_TABLES,
    'incident_agencies',
    'incident_notes',
    'incident_search',
    'note_search',
    'incidents',
  ] as const;

  private readonly select: Statement<[string], IncidentRow | undefined>;
  private readonly upsert: Statement<unknown[], { seq: number }>;
  private readonly deleteAgencies: Statement<[string]>;
  private readonly insertAgency: Statement<[string, string, string, number, number, number, number]>;
  private readonly insertNote: Statement<[string, string, number, string, string], { seq: number }>;
  private readonly indexIncident: Statement<[number, string]>;
  private readonly indexNote: Statement<[number, string]>;
  private readonly forgetStatements: readonly Statement<[string]>[];
  private readonly kpiFacts: KpiFactsUpkeep;
  /**
   * While a batch is open (`batch`): each incident's latest state and the one stored before the batch,
   * and the notes added, written when it ends. The same rows as folding event by event, written once
   * per incident instead of once per event.
   */
  private deferred: {
    readonly incidents: Map<string, { record: IncidentRecord; readonly stored: IncidentRecord | null }>;
    readonly notes: DeferredNote[];
  } | null = null;

  constructor(
    db: Database,
    /** Type and place names indexed with each incident (none: only its own fields). */
    private readonly vocabulary?: SearchVocabulary,
  ) {
    this.select = db.prepare('SELECT * FROM incidents WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO incidents (id, number, status, type_code, priority, agencies, lat, lon, accuracy_m, location_source,
        address, caller_name, caller_number, call_ids, linked_ids, merged_into, priority_reason, disposition,
        received_at, answered_at, created_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at,
        units, location_name, updated_at, version, address_parts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        status = excluded.status, type_code = excluded.type_code, priority = excluded.priority,
        agencies = excluded.agencies, lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m,
        location_source = excluded.location_source, address = excluded.address, caller_name = excluded.caller_name,
        caller_number = excluded.caller_number, call_ids = excluded.call_ids, linked_ids = excluded.linked_ids,
        merged_into = excluded.merged_into, priority_reason = excluded.priority_reason, disposition = excluded.disposition,
        received_at = excluded.received_at, answered_at = excluded.answered_at, routed_at = excluded.routed_at,
        dispatched_at = excluded.dispatched_at, en_route_at = excluded.en_route_at, on_scene_at = excluded.on_scene_at,
        closed_at = excluded.closed_at, units = excluded.units, location_name = excluded.location_name,
        updated_at = excluded.updated_at,
        version = excluded.version, address_parts = excluded.address_parts
      RETURNING seq`);
    this.deleteAgencies = db.prepare('DELETE FROM incident_agencies WHERE incident_id = ?');
    this.insertAgency = db.prepare(
      'INSERT INTO incident_agencies (incident_id, agency, status, since, open, priority, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertNote = db.prepare(
      'INSERT INTO incident_notes (id, incident_id, at, actor, text) VALUES (?, ?, ?, ?, ?) RETURNING seq',
    );
    this.indexIncident = db.prepare('INSERT OR REPLACE INTO incident_search (rowid, content) VALUES (?, ?)');
    this.indexNote = db.prepare('INSERT INTO note_search (rowid, content) VALUES (?, ?)');
    this.kpiFacts = new KpiFactsUpkeep(db);
    this.forgetStatements = [
      db.prepare('DELETE FROM note_search WHERE rowid IN (SELECT seq FROM incident_notes WHERE incident_id = ?)'),
      db.prepare('DELETE FROM incident_notes WHERE incident_id = ?'),
      db.prepare('DELETE FROM incident_search WHERE rowid IN (SELECT seq FROM incidents WHERE id = ?)'),
      db.prepare('DELETE FROM incident_agencies WHERE incident_id = ?'),
      db.prepare('DELETE FROM incidents WHERE id = ?'),
    ];
  }

  get(id: string): IncidentRecord | null {
    const deferred = this.deferred?.incidents.get(id);
    if (deferred) return deferred.record;
    const row = this.select.get(id);
    return row ? incidentFromRow(row) : null;
  }

  /**
   * Runs `work` (inside the caller's transaction) with the incidents it folds kept in memory and
   * written at its end, once each (last state wins), with their search text. If `work` throws,
   * nothing of it is written. A fold that must read the tables meanwhile calls `flushDeferred` first.
   */
  batch<T>(work: () => T): T {
    if (this.deferred) return work();
    this.deferred = { incidents: new Map(), notes: [] };
    try {
      const result = work();
      this.flushDeferred();
      return result;
    } finally {
      this.deferred = null;
    }
  }

  /** Writes what the open batch holds so far (no-op outside a batch). */
  flushDeferred(): void {
    const deferred = this.deferred;
    if (!deferred || (deferred.incidents.size === 0 && deferred.notes.length === 0)) return;
    // In first-touched order: new incidents get their row numbers in the order they were created.
    for (const { record, stored } of deferred.incidents.values()) this.store(record, stored);
    for (const note of deferred.notes) this.storeNote(note);
    deferred.incidents.clear();
    deferred.notes.length = 0;
  }

  /** Rewrites every incident's search text (the vocabulary changed: new type names, places). */
  reindexIncidents(db: Database): number {
    const incidents = db.prepare<[], { seq: number; id: string }>('SELECT seq, id FROM incidents').all();
    for (const { seq, id } of incidents) {
      const incident = this.get(id);
      if (incident) this.indexIncident.run(seq, searchTextOf(incident, this.vocabulary));
    }
    return incidents.length;
  }

  /** Removes the incident from every projection table, before its events are folded again in another order. */
  forget(id: string): void {
    this.flushDeferred();
    this.kpiFacts.forget(id);
    this.forgetStatements.forEach((statement) => statement.run(id));
  }

  /** Folds one event into the projections; throws IncidentEventError when it does not apply. */
  apply(event: IncidentEvent): IncidentRecord {
    const previous = this.get(event.incidentId);
    const next = applyIncidentEvent(previous, event);
    const note: DeferredNote | null =
      event.type === 'incident.noteAdded'
        ? {
            id: event.payload.noteId,
            incidentId: event.incidentId,
            at: event.at,
            actor: event.actor,
            text: event.payload.text,
          }
        : null;
    if (this.deferred) {
      const entry = this.deferred.incidents.get(next.id);
      if (entry) entry.record = next;
      else this.deferred.incidents.set(next.id, { record: next, stored: previous });
      if (note) this.deferred.notes.push(note);
      return next;
    }
    const { seq } = this.write(next, previous);
    if (note) this.storeNote(note);
    this.index(seq, next, previous);
    return next;
  }

  /** The incident's row, agencies and search text, from what was stored before (`previous`). */
  private store(incident: IncidentRecord, previous: IncidentRecord | null): void {
    const { seq } = this.write(incident, previous);
    this.index(seq, incident, previous);
  }

  private index(seq: number, incident: IncidentRecord, previous: IncidentRecord | null): void {
    // Re-tokenizing is the costliest part of an append: only when the searchable text changed.
    const text = searchTextOf(incident, this.vocabulary);
    if (previous === null || searchTextOf(previous, this.vocabulary) !== text) this.indexIncident.run(seq, text);
  }

  private storeNote(note: DeferredNote): void {
    const row = this.insertNote.get(note.id, note.incidentId, note.at, note.actor, note.text);
    if (row) this.indexNote.run(row.seq, normalizeForSearch(note.text));
  }

  private write(incident: IncidentRecord, previous: IncidentRecord | null): { seq: number } {
    const row = this.upsert.get(
      incident.id,
      incident.number,
      incident.status,
      incident.typeCode,
      incident.priority,
      JSON.stringify(incident.agencies),
      incident.location?.lat ?? null,
      incident.location?.lon ?? null,
      incident.location?.accuracyM ?? null,
      incident.location?.source ?? null,
      incident.address,
      incident.callerName,
      incident.callerNumber,
      JSON.stringify(incident.callIds),
      JSON.stringify(incident.linkedIncidentIds),
      incident.mergedInto,
      incident.priorityReason,
      incident.disposition,
      incident.receivedAt,
      incident.answeredAt,
      incident.createdAt,
      incident.routedAt,
      incident.dispatchedAt,
      incident.enRouteAt,
      incident.onSceneAt,
      incident.closedAt,
      JSON.stringify(incident.units),
      incident.locationName === null ? null : JSON.stringify(incident.locationName),
      incident.updatedAt,
      incident.version,
      incident.addressParts === null ? null : JSON.stringify(incident.addressParts),
    );
    if (!row) throw new Error(`incident ${incident.id} was not written`);
    this.kpiFacts.write(incident, previous);
    const queueUnchanged =
      previous !== null &&
      previous.status === incident.status &&
      previous.priority === incident.priority &&
      previous.agencies === incident.agencies;
    if (queueUnchanged) return row;
    // A new incident has no agency rows yet.
    if (previous !== null) this.deleteAgencies.run(incident.id);
    const open = incident.status === 'closed' ? 0 : 1;
    for (const agency of incident.agencies) {
      const agencyOpen = open && agency.status !== 'completed' ? 1 : 0;
      this.insertAgency.run(
        incident.id,
        agency.agency,
        agency.status,
        agency.since,
        agencyOpen,
        incident.priority,
        incident.createdAt,
      );
    }
    return row;
  }
}
