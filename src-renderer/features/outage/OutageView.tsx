import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkOutage } from '../../../src-shared/contract/api';
import type { LinkStatus } from '../../../src-shared/contract/links';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { formatClock, formatCount, formatDate, formatElapsed } from '../../../src-shared/domain/time';
import { unitTransitions, type UnitRecord, type UnitStatus } from '../../../src-shared/domain/unit';
import { useRemote } from '../../app/RemoteContext';
import { downloadText } from '../../app/download';
import { applyHostEvent } from '../../app/hostFeed';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { useConnectionStore } from '../../store/connection/connectionStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../store/units/unitStore';
import './outage.css';

/** Kept with a status entered here: the unit reported it by voice (radio, phone), not by data. */
export const VOICE_REPORT_REASON = 'reported by voice (outage view)';

function useFormatters() {
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  return {
    language,
    clock: (at: number) => formatClock(at, language, timeZone),
    date: (at: number) => formatDate(at, language, timeZone),
    count: (value: number) => formatCount(value, language),
    elapsed: (ms: number) => formatElapsed(ms, language),
  };
}

function LinkTable() {
  const { t } = useTranslation();
  const format = useFormatters();
  const links = useConnectionStore((state) => state.links);
  const rows = useMemo(
    () =>
      Object.values(links)
        .filter((link) => link.kind !== 'host')
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
    [links],
  );
  return (
    <section className="outage-section" aria-labelledby="outage-links-title">
      <h2 id="outage-links-title">{t('outage.links')}</h2>
      {rows.length === 0 ? (
        <p className="outage-empty">{t('links.notConfigured')}</p>
      ) : (
        <table className="outage-table" data-testid="outage-links">
          <thead>
            <tr>
              <th>{t('outage.link')}</th>
              <th>{t('outage.state')}</th>
              <th>{t('outage.since')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((link: LinkStatus) => (
              <tr key={link.id} data-link={link.id} data-state={link.state} className={`outage-link-${link.state}`}>
                <td>
                  {t(`links.kind.${link.kind}`)} <bdi translate="no">{link.label}</bdi>
                </td>
                <td>{t(`links.state.${link.state}`)}</td>
                <td>{format.clock(link.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OutageLog() {
  const { t } = useTranslation();
  const remote = useRemote();
  const format = useFormatters();
  const now = useHostNow(5_000);
  // Reload whenever any link changes state.
  const linkVersion = useConnectionStore((state) =>
    Object.values(state.links)
      .map((link) => `${link.id}:${link.state}`)
      .join('|'),
  );
  const [outages, setOutages] = useState<readonly LinkOutage[] | null>(null);
  useEffect(() => {
    runTask(remote.system.outages({}).then(setOutages));
  }, [remote, linkVersion]);

  const exportActivity = (outage: LinkOutage, exportFormat: 'json' | 'csv'): void =>
    runTask(
      remote.system
        .activity({ from: outage.startedAt, to: outage.endedAt ?? now, format: exportFormat })
        .then(downloadText),
    );

  return (
    <section className="outage-section" aria-labelledby="outage-log-title">
      <h2 id="outage-log-title">{t('outage.log')}</h2>
      {outages !== null && outages.length === 0 && <p className="outage-empty">{t('outage.noOutages')}</p>}
      {outages !== null && outages.length > 0 && (
        <table className="outage-table" data-testid="outage-log">
          <thead>
            <tr>
              <th>{t('outage.link')}</th>
              <th>{t('outage.started')}</th>
              <th>{t('outage.ended')}</th>
              <th>{t('outage.duration')}</th>
              <th className="no-print">{t('outage.export')}</th>
            </tr>
          </thead>
          <tbody>
            {outages.map((outage) => (
              <tr
                key={`${outage.linkId}-${String(outage.startedAt)}`}
                data-testid="outage-row"
                data-link={outage.linkId}
                data-open={outage.endedAt === null}
              >
                <td>
                  {t(`links.kind.${outage.kind}`)} <bdi translate="no">{outage.label}</bdi>
                </td>
                <td>
                  {format.date(outage.startedAt)} {format.clock(outage.startedAt)}
                </td>
                <td>
                  {outage.endedAt === null
                    ? t('outage.ongoing')
                    : `${format.clock(outage.endedAt)} · ${t(`outage.endReason.${outage.endReason ?? 'recovered'}`)}`}
                </td>
                <td>{format.elapsed((outage.endedAt ?? now) - outage.startedAt)}</td>
                <td className="no-print">
                  <button
                    type="button"
                    className="button"
                    data-testid="export-json"
                    onClick={() => exportActivity(outage, 'json')}
                  >
                    {t('outage.exportJson')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button"
                    data-testid="export-csv"
                    onClick={() => exportActivity(outage, 'csv')}
                  >
                    {t('outage.exportCsv')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const byUrgency = (a: IncidentRecord, b: IncidentRecord): number =>
  a.priority - b.priority || a.createdAt - b.createdAt;

function OpenIncidents() {
  const { t } = useTranslation();
  const format = useFormatters();
  const byId = useIncidentStore((state) => state.byId);
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const open = useMemo(
    () =>
      Object.values(byId)
        .filter((incident) => incident.status !== 'closed')
        .sort(byUrgency),
    [byId],
  );
  const typeName = (code: string): string =>
    localized(taxonomy?.types.find((type) => type.code === code)?.name, format.language, code);
  const agencyName = (code: string): string =>
    localized(taxonomy?.agencies.find((agency) => agency.code === code)?.name, format.language, code);
  return (
    <section className="outage-section" aria-labelledby="outage-incidents-title">
      <h2 id="outage-incidents-title">
        {t('outage.openIncidents')} <span className="outage-count">{format.count(open.length)}</span>
      </h2>
      {open.length === 0 ? (
        <p className="outage-empty">{t('outage.noIncidents')}</p>
      ) : (
        <table className="outage-table" data-testid="outage-incidents">
          <thead>
            <tr>
              <th>{t('outage.number')}</th>
              <th>{t('outage.priority')}</th>
              <th>{t('outage.type')}</th>
              <th>{t('outage.status')}</th>
              <th>{t('outage.address')}</th>
              <th>{t('outage.agencies')}</th>
              <th>{t('outage.units')}</th>
              <th>{t('outage.created')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((incident) => (
              <tr key={incident.id} data-testid="outage-incident" data-number={incident.number}>
                <td>
                  <bdi translate="no">{incident.number}</bdi>
                </td>
                <td>{t(`priority.${String(incident.priority) as '1' | '2' | '3' | '4'}`)}</td>
                <td>{typeName(incident.typeCode)}</td>
                <td>{t(`status.${incident.status}`)}</td>
                <td>
                  <bdi>{incident.address ?? ''}</bdi>
                </td>
                <td>
                  {new Intl.ListFormat(format.language, { type: 'unit' }).format(
                    incident.agencies.map((agency) => agencyName(agency.agency)),
                  )}
                </td>
                <td>
                  <bdi translate="no">
                    {incident.units
                      .filter((unit) => unit.clearedAt === null)
                      .map((unit) => unit.callsign)
                      .join(', ')}
                  </bdi>
                </td>
                <td>{format.clock(incident.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One unit's row: its status and, for a unit reporting by voice, the status the dispatcher heard. */
function UnitRow(props: { unit: UnitRecord; now: number }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const format = useFormatters();
  const { unit } = props;
  const choices = unitTransitions[unit.status];
  const [next, setNext] = useState<UnitStatus | ''>('');
  const [saving, setSaving] = useState(false);
  const submit = (): void => {
    if (!next) return;
    setSaving(true);
    runTask(
      remote.unit
        .setStatus({ unitId: unit.id, status: next, expectedVersion: unit.version, reason: VOICE_REPORT_REASON })
        .then((updated) => {
          applyHostEvent({ name: 'onUnitChanged', payload: updated });
          setNext('');
        })
        .finally(() => setSaving(false)),
    );
  };
  return (
    <tr data-testid="outage-unit" data-unit={unit.id} data-status={unit.status}>
      <td>
        <bdi translate="no" id={`outage-unit-${unit.id}`}>
          {unit.callsign}
        </bdi>
      </td>
      <td>{t(`outage.unitStatus.${unit.status}`)}</td>
      <td>{format.elapsed(Math.max(0, props.now - unit.statusSince))}</td>
      <td className="no-print">
        <form
          className="outage-status-form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <select
            aria-labelledby={`outage-manual-status-${unit.agency} outage-unit-${unit.id}`}
            data-testid="unit-status-select"
            value={next}
            onChange={(event) => setNext(event.target.value as UnitStatus | '')}
            onKeyDown={(event) => {
              // A select does not submit its form on Enter; the dispatcher's hands stay on the keyboard.
              if (event.key === 'Enter' && next) {
                event.preventDefault();
                submit();
              }
            }}
          >
            <option value="">{t('outage.chooseStatus')}</option>
            {choices.map((status) => (
              <option key={status} value={status}>
                {t(`outage.unitStatus.${status}`)}
              </option>
            ))}
          </select>{' '}
          <button
            type="submit"
            className="button button-primary"
            data-testid="unit-status-set"
            disabled={!next || saving}
          >
            {t('outage.setStatus')}
          </button>
        </form>
      </td>
    </tr>
  );
}

function UnitStatuses() {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useHostNow(5_000);
  const units = useUnitStore((state) => state.units);
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const byAgency = useMemo(() => {
    const groups = new Map<string, UnitRecord[]>();
    for (const unit of Object.values(units)) groups.set(unit.agency, [...(groups.get(unit.agency) ?? []), unit]);
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agency, list]) => [agency, list.sort((a, b) => a.callsign.localeCompare(b.callsign))] as const);
  }, [units]);
  const total = Object.keys(units).length;
  return (
    <section className="outage-section" aria-labelledby="outage-units-title">
      <h2 id="outage-units-title">
        {t('outage.unitStatuses')} <span className="outage-count">{format.count(total)}</span>
      </h2>
      <p className="outage-hint no-print">{t('outage.manualHint')}</p>
      {total === 0 && <p className="outage-empty">{t('outage.noUnits')}</p>}
      {byAgency.map(([agency, list]) => (
        <table key={agency} className="outage-table" data-testid="outage-units" data-agency={agency}>
          <caption>
            {localized(taxonomy?.agencies.find((entry) => entry.code === agency)?.name, format.language, agency)}
          </caption>
          <thead>
            <tr>
              <th>{t('outage.callsign')}</th>
              <th>{t('outage.status')}</th>
              <th>{t('outage.inStatus')}</th>
              <th className="no-print" id={`outage-manual-status-${agency}`}>
                {t('outage.manualStatus')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((unit) => (
              <UnitRow key={unit.id} unit={unit} now={now} />
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

/**
 * The shift lead's outage view: on one printable page, every open incident and every unit's
 * status (so the room can run from paper if it must), the state of each link, the outage log with
 * the export of everything done during an outage, and status entry for units reporting by voice.
 */
export function OutageView() {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useHostNow(30_000);
  const info = useConsoleStore((state) => state.info);
  return (
    <article className="outage-view" data-testid="outage-view">
      <header className="outage-view-header">
        <div>
          <h1>{t('outage.title')}</h1>
          <p className="outage-printed">
            {info && (
              <>
                <bdi>{info.center.name[format.language]}</bdi> · {t('header.console')}{' '}
                <bdi translate="no">{info.consoleCode}</bdi> ·{' '}
              </>
            )}
            {t('outage.printedAt', { time: `${format.date(now)} ${format.clock(now)}` })}
          </p>
        </div>
        <button
          type="button"
          className="button button-primary no-print"
          data-testid="outage-print"
          onClick={() => window.print()}
        >
          {t('outage.print')}
        </button>
      </header>
      <LinkTable />
      <OpenIncidents />
      <UnitStatuses />
      <OutageLog />
    </article>
  );
}
