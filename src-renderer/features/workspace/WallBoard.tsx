import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { alarmRank, alarmSubjectKind, type Alarm } from '../../../src-shared/domain/alarm';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { formatCount, formatElapsed } from '../../../src-shared/domain/time';
import type { UnitStatus } from '../../../src-shared/domain/unit';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { useAlarmStore } from '../../store/alarms/alarmStore';
import { useCallStore } from '../../store/calls/callStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../store/units/unitStore';
import { MapPane } from '../map/MapPane';
import { UNIT_STATUS_COLOURS } from '../units/unitLabels';

/** The board's unit columns: what the room asks of a fleet at a glance. */
const UNIT_COLUMNS = ['free', 'travelling', 'working', 'out'] as const;
type UnitColumn = (typeof UNIT_COLUMNS)[number];

const COLUMN_OF: Readonly<Record<UnitStatus, UnitColumn>> = {
  available: 'free',
  'available-on-radio': 'free',
  dispatched: 'travelling',
  'en-route': 'travelling',
  'on-scene': 'working',
  transporting: 'working',
  'at-hospital': 'working',
  'out-of-service': 'out',
};

/** The colour a column's figures carry: its main status's board colour. */
const COLUMN_COLOUR: Readonly<Record<UnitColumn, string>> = {
  free: UNIT_STATUS_COLOURS.available,
  travelling: UNIT_STATUS_COLOURS['en-route'],
  working: UNIT_STATUS_COLOURS['on-scene'],
  out: UNIT_STATUS_COLOURS['out-of-service'],
};

/** An open P1 with no unit assigned (none dispatched, or all of them cleared). */
function isUncoveredP1(incident: IncidentRecord): boolean {
  return (
    incident.priority === 1 && incident.status !== 'closed' && incident.units.every((unit) => unit.clearedAt !== null)
  );
}

/**
 * The live half of the wall display: calls waiting and the longest wait, P1 incidents without a
 * unit, units by agency and status, the room's alarms, and the map. Large type, read from across
 * the room; nothing here is clickable.
 */
export function WallBoard() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const now = useHostNow();
  const calls = useCallStore((state) => state.byId);
  const incidents = useIncidentStore((state) => state.byId);
  const units = useUnitStore((state) => state.units);
  const alarms = useAlarmStore((state) => state.active);
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);

  const waiting = useMemo(
    () =>
      Object.values(calls)
        .filter((call) => call.status === 'waiting')
        .map((call) => call.receivedAt),
    [calls],
  );
  const oldestWaiting = waiting.length > 0 ? Math.min(...waiting) : null;
  const uncovered = useMemo(
    () =>
      Object.values(incidents)
        .filter(isUncoveredP1)
        .sort((a, b) => a.createdAt - b.createdAt),
    [incidents],
  );
  const byAgency = useMemo(() => {
    const table = new Map<string, Record<UnitColumn, number>>();
    for (const unit of Object.values(units)) {
      const row = table.get(unit.agency) ?? { free: 0, travelling: 0, working: 0, out: 0 };
      row[COLUMN_OF[unit.status]] += 1;
      table.set(unit.agency, row);
    }
    return [...table.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [units]);
  const ordered = useMemo(
    () =>
      Object.values(alarms).sort(
        (a: Alarm, b: Alarm) => alarmRank[a.kind] - alarmRank[b.kind] || a.raisedAt - b.raisedAt,
      ),
    [alarms],
  );

  const typeName = (code: string): string =>
    localized(taxonomy?.types.find((entry) => entry.code === code)?.name, language, code);
  const agencyName = (code: string): string =>
    localized(taxonomy?.agencies.find((entry) => entry.code === code)?.shortName, language, code);

  return (
    <div className="wall-board" data-testid="wall-board">
      <div className="wall-live">
        <div className="wall-counters">
          <div className="wall-counter" data-testid="wall-calls-waiting">
            <span className="wall-number">{formatCount(waiting.length, language)}</span>
            <span>{t('wall.callsWaiting')}</span>
          </div>
          <div className={`wall-counter${oldestWaiting !== null ? ' wall-counter-alert' : ''}`}>
            <span className="wall-number" data-testid="wall-longest-wait">
              {oldestWaiting === null ? '—' : formatElapsed(now - oldestWaiting, language)}
            </span>
            <span>{t('wall.longestWait')}</span>
          </div>
          <div className={`wall-counter${uncovered.length > 0 ? ' wall-counter-alert' : ''}`}>
            <span className="wall-number" data-testid="wall-p1-count">
              {formatCount(uncovered.length, language)}
            </span>
            <span>{t('wall.p1Uncovered')}</span>
          </div>
        </div>

        <section className="wall-section" aria-labelledby="wall-p1-title">
          <h3 id="wall-p1-title">{t('wall.p1Uncovered')}</h3>
          {uncovered.length === 0 ? (
            <p className="wall-none">{t('wall.none')}</p>
          ) : (
            <ul className="wall-list" data-testid="wall-p1-list">
              {uncovered.map((incident) => (
                <li key={incident.id} data-testid="wall-p1" data-number={incident.number}>
                  <bdi translate="no">{incident.number}</bdi>
                  <span>{typeName(incident.typeCode)}</span>
                  {incident.address && (
                    <bdi className="wall-address" dir="auto">
                      {incident.address}
                    </bdi>
                  )}
                  <span className="wall-age">{formatElapsed(now - incident.createdAt, language)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="wall-section" aria-labelledby="wall-alarms-title">
          <h3 id="wall-alarms-title">{t('wall.alarms')}</h3>
          {ordered.length === 0 ? (
            <p className="wall-none">{t('wall.none')}</p>
          ) : (
            <ul className="wall-list" data-testid="wall-alarms">
              {ordered.map((alarm) => (
                <li key={alarm.id} className={`wall-alarm-${alarm.severity}`} data-kind={alarm.kind}>
                  <strong>{t(`alarm.kind.${alarm.kind}`)}</strong>
                  <bdi translate="no" dir={alarmSubjectKind[alarm.kind] === 'call' ? 'ltr' : 'auto'}>
                    {alarm.subject}
                  </bdi>
                  <span className="wall-age">{formatElapsed(now - alarm.raisedAt, language)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="wall-section" aria-labelledby="wall-units-title">
          <h3 id="wall-units-title">{t('wall.unitsByAgency')}</h3>
          <table className="wall-units" data-testid="wall-units">
            <thead>
              <tr>
                <th scope="col">{t('wall.agency')}</th>
                {UNIT_COLUMNS.map((column) => (
                  <th key={column} scope="col" style={{ color: COLUMN_COLOUR[column] }}>
                    {t(`wall.column.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byAgency.map(([agency, row]) => (
                <tr key={agency} data-agency={agency}>
                  <th scope="row">{agencyName(agency)}</th>
                  {UNIT_COLUMNS.map((column) => (
                    <td key={column} data-column={column}>
                      {formatCount(row[column], language)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <div className="wall-map" data-testid="wall-map">
        <MapPane />
      </div>
    </div>
  );
}
