import type { Database, Statement } from 'better-sqlite3';
import type { UnitStatusChange } from '../../../src-shared/contract/api';
import type { StatusSource, UnitDefinition, UnitRecord, UnitStatus } from '../../../src-shared/domain/unit';

interface UnitRow {
  id: string;
  callsign: string;
  agency: string;
  kind: string;
  capabilities: string;
  status: string;
  status_since: number;
  incident_id: string | null;
  station: string | null;
  home_lat: number | null;
  home_lon: number | null;
  radio_id: string | null;
  device_id: string | null;
  crew: string;
  status_source: string;
  updated_at: number;
  version: number;
}

interface HistoryRow {
  unit_id: string;
  status: string;
  at: number;
  source: string;
  actor: string;
  incident_id: string | null;
  reason: string | null;
}

function unitFromRow(row: UnitRow): UnitRecord {
  return {
    id: row.id,
    callsign: row.callsign,
    agency: row.agency,
    kind: row.kind,
    capabilities: JSON.parse(row.capabilities) as string[],
    station: row.station,
    home: row.home_lat !== null && row.home_lon !== null ? { lat: row.home_lat, lon: row.home_lon } : null,
    crew: JSON.parse(row.crew) as string[],
    radioId: row.radio_id,
    deviceId: row.device_id,
    status: row.status as UnitStatus,
    statusSince: row.status_since,
    statusSource: row.status_source as StatusSource,
    incidentId: row.incident_id,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * SQL of the `units` and `unit_status_history` tables (the store's `units`); the unit service runs
 * the writes inside store transactions.
 */
export class UnitRepository {
  private readonly selectAll: Statement<[], UnitRow>;
  private readonly selectOne: Statement<[string], UnitRow>;
  private readonly selectByCallsign: Statement<[string], UnitRow>;
  private readonly selectByRadio: Statement<[string], UnitRow>;
  private readonly selectByDevice: Statement<[string], UnitRow>;
  private readonly insertUnit: Statement;
  private readonly updateDefinition: Statement;
  private readonly updateStatus: Statement;
  private readonly updateDevice: Statement<[string | null, number, string]>;
  private readonly insertHistory: Statement;
  private readonly selectHistory: Statement<[string, number], HistoryRow>;
  private readonly selectStatusBeforeDispatch: Statement<[string], { previous_status: string | null }>;
  private readonly selectHistoryOfIncident: Statement<[string], HistoryRow>;

  private readonly selectEpoch: Statement<[string], { assignment_epoch: number }>;
  private readonly updateEpoch: Statement<[number, string, number]>;
  private readonly deleteUnit: Statement<[string]>;
  private readonly deleteHistory: Statement<[string]>;

  constructor(db: Database) {
    this.selectAll = db.prepare('SELECT * FROM units ORDER BY agency, callsign');
    this.selectOne = db.prepare('SELECT * FROM units WHERE id = ?');
    this.selectByCallsign = db.prepare('SELECT * FROM units WHERE callsign = ? ORDER BY id LIMIT 1');
    this.selectByRadio = db.prepare('SELECT * FROM units WHERE radio_id = ? ORDER BY id LIMIT 1');
    this.selectByDevice = db.prepare('SELECT * FROM units WHERE device_id = ? ORDER BY id LIMIT 1');
    this.insertUnit = db.prepare(`
      INSERT INTO units (id, callsign, agency, kind, capabilities, station, home_lat, home_lon, radio_id, device_id, crew,
        status, status_since, status_source, incident_id, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 1)`);
    this.updateDefinition = db.prepare(`
      UPDATE units SET callsign = ?, agency = ?, kind = ?, capabilities = ?, station = ?, home_lat = ?, home_lon = ?,
        radio_id = ?, device_id = ?, crew = ?, updated_at = ?, version = version + 1
      WHERE id = ?`);
    this.updateStatus = db.prepare(`
      UPDATE units SET status = ?, status_since = ?, status_source = ?, incident_id = ?, updated_at = ?, version = version + 1
      WHERE id = ?`);
    this.updateDevice = db.prepare(
      'UPDATE units SET device_id = ?, updated_at = ?, version = version + 1 WHERE id = ?',
    );
    this.insertHistory = db.prepare(`
      INSERT INTO unit_status_history (unit_id, status, previous_status, at, source, actor, incident_id, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.selectHistory = db.prepare(
      'SELECT * FROM unit_status_history WHERE unit_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    );
    this.selectHistoryOfIncident = db.prepare(
      'SELECT * FROM unit_status_history WHERE incident_id = ? ORDER BY at, id',
    );
    this.selectStatusBeforeDispatch = db.prepare(
      "SELECT previous_status FROM unit_status_history WHERE unit_id = ? AND status = 'dispatched' ORDER BY at DESC, id DESC LIMIT 1",
    );
    this.selectEpoch = db.prepare('SELECT assignment_epoch FROM units WHERE id = ?');
    this.updateEpoch = db.prepare('UPDATE units SET assignment_epoch = ? WHERE id = ? AND assignment_epoch < ?');
    this.deleteUnit = db.prepare('DELETE FROM units WHERE id = ?');
    this.deleteHistory = db.prepare('DELETE FROM unit_status_history WHERE unit_id = ?');
  }

  /** The last assignment epoch the unit claimed in the center (0 when never; standalone stays 0). */
  assignmentEpoch(unitId: string): number {
    return this.selectEpoch.get(unitId)?.assignment_epoch ?? 0;
  }

  /** Raises the unit's assignment epoch (never lowers it). */
  raiseEpoch(unitId: string, epoch: number): void {
    this.updateEpoch.run(epoch, unitId, epoch);
  }

  /** Removes the unit and its history, before its events are folded again in the center's order. */
  forget(unitId: string): void {
    this.deleteHistory.run(unitId);
    this.deleteUnit.run(unitId);
  }

  list(): UnitRecord[] {
    return this.selectAll.all().map(unitFromRow);
  }

  get(id: string): UnitRecord | null {
    const row = this.selectOne.get(id);
    return row ? unitFromRow(row) : null;
  }

  byCallsign(callsign: string): UnitRecord | null {
    const row = this.selectByCallsign.get(callsign);
    return row ? unitFromRow(row) : null;
  }

  byRadioId(radioId: string): UnitRecord | null {
    const row = this.selectByRadio.get(radioId.toUpperCase());
    return row ? unitFromRow(row) : null;
  }

  byDeviceId(deviceId: string): UnitRecord | null {
    const row = this.selectByDevice.get(deviceId);
    return row ? unitFromRow(row) : null;
  }

  insert(unit: UnitDefinition, at: number): void {
    this.insertUnit.run(...definitionColumns(unit), 'available', at, 'system', at);
    this.insertHistory.run(unit.id, 'available', null, at, 'system', 'roster', null, 'added to the roster');
  }

  update(unit: UnitDefinition, at: number): void {
    const [id, ...rest] = definitionColumns(unit);
    this.updateDefinition.run(...rest, at, id);
  }

  setStatus(change: {
    unitId: string;
    previous: UnitStatus;
    status: UnitStatus;
    at: number;
    source: StatusSource;
    actor: string;
    incidentId: string | null;
    reason: string | null;
  }): void {
    this.updateStatus.run(change.status, change.at, change.source, change.incidentId, change.at, change.unitId);
    this.insertHistory.run(
      change.unitId,
      change.status,
      change.previous,
      change.at,
      change.source,
      change.actor,
      change.incidentId,
      change.reason,
    );
  }

  setDevice(unitId: string, deviceId: string | null, at: number): void {
    this.updateDevice.run(deviceId, at, unitId);
  }

  history(unitId: string, limit: number): UnitStatusChange[] {
    return this.selectHistory.all(unitId, limit).map(statusChangeFromRow);
  }

  /** Every status change recorded against an incident, oldest first (all its units). */
  historyOfIncident(incidentId: string): UnitStatusChange[] {
    return this.selectHistoryOfIncident.all(incidentId).map(statusChangeFromRow);
  }

  /** The status a unit had when it was last dispatched (undoing a dispatch goes back to it); null when never. */
  statusBeforeLastDispatch(unitId: string): UnitStatus | null {
    return (this.selectStatusBeforeDispatch.get(unitId)?.previous_status ?? null) as UnitStatus | null;
  }
}

function statusChangeFromRow(row: HistoryRow): UnitStatusChange {
  return {
    unitId: row.unit_id,
    status: row.status as UnitStatus,
    at: row.at,
    source: row.source as StatusSource,
    actor: row.actor,
    incidentId: row.incident_id,
    reason: row.reason,
  };
}

/** id first, then the columns an edit changes, in the order the statements above take them. */
function definitionColumns(unit: UnitDefinition): [string, ...unknown[]] {
  return [
    unit.id,
    unit.callsign,
    unit.agency,
    unit.kind,
    JSON.stringify(unit.capabilities),
    unit.station,
    unit.home?.lat ?? null,
    unit.home?.lon ?? null,
    unit.radioId,
    unit.deviceId,
    JSON.stringify(unit.crew),
  ];
}
