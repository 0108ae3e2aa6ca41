import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiReport, KpiShifts } from '../../../src-shared/domain/kpi';
import { formatClock, formatCount } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { Pane } from '../../app/Pane';
import { currentLanguage } from '../../i18n';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { useUnitStore } from '../../store/units/unitStore';
import { runTask } from '../../store/errors/errorStore';
import { MetricTable, StandardCards } from './KpiTables';

/** The wall refreshes its figures this often, and at once when an incident changes. */
const REFRESH_MS = 30_000;

/**
 * The wall display (view `wall`): the current shift's response times against the standards, with
 * open incidents and available units, readable from across the room. Read-only.
 */
export function KpiWall() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const [shifts, setShifts] = useState<KpiShifts | null>(null);
  const [report, setReport] = useState<KpiReport | null>(null);
  // Primitives only: a fresh array from a selector re-renders forever.
  const openIncidents = useIncidentStore(
    (state) => Object.values(state.byId).filter((incident) => incident.status !== 'closed').length,
  );
  const incidentsVersion = useIncidentStore((state) =>
    Object.values(state.byId).reduce((sum, incident) => sum + incident.version, 0),
  );
  const availableUnits = useUnitStore(
    (state) =>
      Object.values(state.units).filter((unit) => unit.status === 'available' || unit.status === 'available-on-radio')
        .length,
  );

  useEffect(() => {
    const load = (): void =>
      runTask(
        remote.kpi.shifts({}).then(async (current) => {
          setShifts(current);
          setReport(
            await remote.kpi.report({
              from: current.current.from,
              to: current.current.to,
              groupBy: 'agency',
              filters: {},
            }),
          );
        }),
      );
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [remote, incidentsVersion]);

  const shift = shifts?.shifts.find((candidate) => candidate.code === shifts.current.code);
  return (
    <Pane id="wall" title={t('kpi.wallTitle')}>
      <div className="kpi-wall" data-testid="kpi-wall">
        <div className="kpi-wall-counters">
          <div className="kpi-wall-counter" data-testid="wall-open-incidents">
            <span className="kpi-wall-number">{formatCount(openIncidents, language)}</span>
            <span>{t('kpi.wallOpenIncidents')}</span>
          </div>
          <div className="kpi-wall-counter" data-testid="wall-available-units">
            <span className="kpi-wall-number">{formatCount(availableUnits, language)}</span>
            <span>{t('kpi.wallAvailableUnits')}</span>
          </div>
          {shifts && shift && (
            <div className="kpi-wall-counter">
              <span className="kpi-wall-shift">{shift.name[language]}</span>
              <span>
                {formatClock(shifts.current.from, language, shifts.timeZone)} –{' '}
                {formatClock(shifts.current.to, language, shifts.timeZone)}
              </span>
            </div>
          )}
        </div>
        {report && (
          <>
            <StandardCards group={report.total} />
            <MetricTable report={report} />
          </>
        )}
      </div>
    </Pane>
  );
}
