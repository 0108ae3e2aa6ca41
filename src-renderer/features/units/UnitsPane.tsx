import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { normalizeForSearch } from '../../../src-shared/domain/arabic';
import { etaSeconds } from '../../../src-shared/domain/eta';
import { distanceM } from '../../../src-shared/domain/geo';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';
import { formatCount, formatElapsed } from '../../../src-shared/domain/time';
import { transitionRefusal, type UnitRecord, type UnitStatus } from '../../../src-shared/domain/unit';
import { isolate } from '../../app/bidi';
import { useRemote } from '../../app/RemoteContext';
import { EmptyState, Pane } from '../../app/Pane';
import { UnitIcon } from '../../app/icons';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { runTask } from '../../store/errors/errorStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { usePositionStore } from '../../store/positions/positionStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../store/units/unitStore';
import { RosterDialog } from './RosterDialog';
import { UnitDestination, useUnitDestination } from './UnitDestination';
import { STATUS_KEYS, STATUS_ORDER, UNIT_STATUS_COLOURS, unitStatusKey } from './unitLabels';
import { useMapUiStore } from '../map/mapUiStore';
import './units.css';
import { ProvisionalMark, useProvisional } from '../center/ProvisionalMark';

const ROW_HEIGHT = 44;
const ALL = '*';
type SortKey = 'status' | 'callsign' | 'time' | 'agency';
const SORTS: readonly SortKey[] = ['status', 'callsign', 'time', 'agency'];
const SORT_LABEL = {
  status: 'units.sortStatus',
  callsign: 'units.sortCallsign',
  time: 'units.sortTime',
  agency: 'units.sortAgency',
} as const;

function compareUnits(sort: SortKey): (a: UnitRecord, b: UnitRecord) => number {
  const byCallsign = (a: UnitRecord, b: UnitRecord): number => a.callsign.localeCompare(b.callsign);
  switch (sort) {
    case 'callsign':
      return byCallsign;
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byCallsign(a, b);
    case 'time':
      return (a, b) => a.statusSince - b.statusSince || byCallsign(a, b);
    case 'agency':
      return (a, b) => a.agency.localeCompare(b.agency) || byCallsign(a, b);
  }
}

/** Statuses on the way to the incident: the board counts their estimated arrival down. */
const TRAVELLING: ReadonlySet<UnitStatus> = new Set(['dispatched', 'en-route']);

/**
 * Seconds until a travelling unit is estimated to arrive, from its last fix (the ETA model of the
 * recommendation, counted down from the fix's time), or null when there is nothing to estimate from.
 */
function useRemainingEta(unit: UnitRecord, now: number): number | null {
  const target = useIncidentStore((state) =>
    unit.incidentId && TRAVELLING.has(unit.status) ? state.byId[unit.incidentId]?.location : undefined,
  );
  const position = usePositionStore((state) => (target ? state.positions.get(unit.id) : undefined));
  if (!target || !position || position.freshness === 'lost') return null;
  const estimate = etaSeconds({ distanceM: distanceM(position, target), agency: unit.agency, inStation: false });
  return estimate - Math.max(0, now - position.at) / 1000;
}

function UnitRow(props: { unit: UnitRecord; now: number; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const { unit } = props;
  const language = currentLanguage();
  const provisional = useProvisional('units', unit.id);
  const incidentNumber = useIncidentStore((state) =>
    unit.incidentId ? state.byId[unit.incidentId]?.number : undefined,
  );
  const remainingEta = useRemainingEta(unit, props.now);
  const destination = useUnitDestination(unit);
  const color = useTaxonomyStore(
    (state) => state.taxonomy?.agencies.find((agency) => agency.code === unit.agency)?.color,
  );
  return (
    <div
      role="option"
      aria-selected={props.selected}
      id={`unit-row-${unit.id}`}
      className={`unit-row unit-status-${unit.status}${props.selected ? ' unit-row-selected' : ''}`}
      data-testid="unit-row"
      data-unit-id={unit.id}
      data-status={unit.status}
      style={{ '--unit-status-color': UNIT_STATUS_COLOURS[unit.status] } as CSSProperties}
      onClick={props.onSelect}
    >
      <span className="chip-dot" style={{ backgroundColor: color }} aria-hidden="true" />
      <bdi className="unit-callsign" translate="no">
        {unit.callsign}
      </bdi>
      <span className="unit-status-label" data-testid="unit-status">
        {t(unitStatusKey(unit.status))}
      </span>
      {provisional && <ProvisionalMark />}
      {incidentNumber && (
        <bdi className="unit-incident" translate="no">
          {incidentNumber.slice(-4)}
        </bdi>
      )}
      {remainingEta !== null && (
        <span
          className={`unit-eta${remainingEta < 0 ? ' unit-eta-late' : ''}`}
          data-testid="unit-eta"
          title={t('units.etaHint')}
        >
          {remainingEta < 0
            ? t('units.etaLate', { time: formatElapsed(-remainingEta * 1000, language) })
            : t('units.eta', { time: formatElapsed(remainingEta * 1000, language) })}
        </span>
      )}
      {destination && <UnitDestination hospital={destination} />}
      <time
        className="unit-time"
        title={t('units.inStatus', { time: formatElapsed(props.now - unit.statusSince, language) })}
      >
        {formatElapsed(props.now - unit.statusSince, language)}
      </time>
    </div>
  );
}

/**
 * The unit status board: every unit of the roster, per agency, sortable, coloured by status, with its
 * time in status counting live. Keyboard: ↑/↓ (Home/End) move the selection (shared with the map), the
 * radio status digits change the selected unit's status; illegal changes are refused on the spot.
 */
export function UnitsPane() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const now = useHostNow();
  const units = useUnitStore((state) => state.units);
  const agencies = useTaxonomyStore((state) => state.taxonomy?.agencies);
  const selectedId = useSelectionStore((state) => state.unitId);
  const selectUnit = useSelectionStore((state) => state.selectUnit);
  // The map shows the same agency as the board (null: every agency).
  const mapAgency = useMapUiStore((state) => state.unitAgency);
  const setMapAgency = useMapUiStore((state) => state.setUnitAgency);
  const agency = mapAgency ?? ALL;
  const setAgency = (code: string): void => setMapAgency(code === ALL ? null : code);
  const [sort, setSort] = useState<SortKey>('status');
  const [filter, setFilter] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [rosterOpen, setRosterOpen] = useState(false);

  const all = useMemo(() => Object.values(units), [units]);
  const shown = useMemo(() => {
    const wanted = normalizeForSearch(filter);
    return all
      .filter((unit) => agency === ALL || unit.agency === agency)
      .filter(
        (unit) =>
          wanted === '' ||
          normalizeForSearch(unit.callsign).includes(wanted) ||
          normalizeForSearch(unit.station ?? '').includes(wanted),
      )
      .sort(compareUnits(sort));
  }, [all, agency, sort, filter]);
  const counts = useMemo(() => {
    const byAgency = new Map<string, number>();
    for (const unit of all) byAgency.set(unit.agency, (byAgency.get(unit.agency) ?? 0) + 1);
    return byAgency;
  }, [all]);

  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoize; this component is not compiled
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const selectedIndex = shown.findIndex((unit) => unit.id === selectedId);

  // A unit selected anywhere (the map, another list) is brought into view here.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const statusLabel = (status: UnitStatus): string => t(unitStatusKey(status));
  const changeStatus = (unit: UnitRecord, status: UnitStatus): void => {
    const refused = transitionRefusal(unit.status, status);
    if (refused !== null) {
      setRefusal(
        t('units.refused', {
          callsign: isolate(unit.callsign),
          from: statusLabel(unit.status),
          to: statusLabel(status),
        }),
      );
      return;
    }
    setRefusal(null);
    runTask(remote.unit.setStatus({ unitId: unit.id, status, expectedVersion: unit.version }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = (index: number): void => {
      const unit = shown[Math.max(0, Math.min(shown.length - 1, index))];
      if (unit) selectUnit(unit.id);
    };
    if (event.key === 'ArrowDown') move(selectedIndex + 1);
    else if (event.key === 'ArrowUp') move(selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(shown.length - 1);
    else if (event.key === 'Escape') selectUnit(null);
    else {
      const status = STATUS_KEYS[event.key];
      const unit = shown[selectedIndex];
      if (!status || !unit) return;
      changeStatus(unit, status);
    }
    event.preventDefault();
  };

  const supervisor = useConsoleRole();
  return (
    <Pane
      id="units"
      title={t('units.title')}
      actions={
        supervisor ? (
          <button type="button" className="button" data-testid="roster-open" onClick={() => setRosterOpen(true)}>
            {t('units.roster')}
          </button>
        ) : undefined
      }
    >
      {all.length === 0 ? (
        <EmptyState icon={<UnitIcon />} title={t('units.empty')} hint={t('units.emptyHint')} />
      ) : (
        <div className="unit-board" data-testid="unit-board">
          <div className="agency-filter" role="tablist" aria-label={t('units.board')}>
            <button type="button" role="tab" aria-selected={agency === ALL} onClick={() => setAgency(ALL)}>
              {t('units.allAgencies')} <span className="count">{formatCount(all.length, language)}</span>
            </button>
            {(agencies ?? [])
              .filter((entry) => (counts.get(entry.code) ?? 0) > 0)
              .map((entry) => (
                <button
                  key={entry.code}
                  type="button"
                  role="tab"
                  aria-selected={agency === entry.code}
                  data-testid={`unit-agency-${entry.code}`}
                  onClick={() => setAgency(entry.code)}
                >
                  {localized(entry.shortName, language, entry.code)}{' '}
                  <span className="count">{formatCount(counts.get(entry.code) ?? 0, language)}</span>
                </button>
              ))}
          </div>
          <label className="unit-sort">
            <input
              type="search"
              value={filter}
              aria-label={t('units.filterLabel')}
              placeholder={t('units.filterPlaceholder')}
              data-testid="unit-filter"
              onChange={(event) => setFilter(event.target.value)}
            />
            {t('units.sortBy')}
            <select value={sort} data-testid="unit-sort" onChange={(event) => setSort(event.target.value as SortKey)}>
              {SORTS.map((key) => (
                <option key={key} value={key}>
                  {t(SORT_LABEL[key])}
                </option>
              ))}
            </select>
          </label>
          {refusal && (
            <p className="unit-refusal" role="alert" data-testid="unit-refusal">
              {refusal}
            </p>
          )}
          <div
            className="unit-scroller"
            ref={scroller}
            role="listbox"
            tabIndex={0}
            aria-label={t('units.board')}
            aria-activedescendant={selectedId ? `unit-row-${selectedId}` : undefined}
            data-testid="unit-list"
            onKeyDown={onKeyDown}
          >
            <div style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((row) => {
                const unit = shown[row.index];
                return unit ? (
                  <div
                    key={unit.id}
                    className="virtual-row"
                    style={{ blockSize: row.size, transform: `translateY(${String(row.start)}px)` }}
                  >
                    <UnitRow
                      unit={unit}
                      now={now}
                      selected={unit.id === selectedId}
                      onSelect={() => selectUnit(unit.id)}
                    />
                  </div>
                ) : null;
              })}
            </div>
          </div>
          <p className="unit-keys">
            <Trans i18nKey="units.keysHint" components={{ kbd: <kbd translate="no" dir="ltr" /> }} />
          </p>
        </div>
      )}
      {rosterOpen && <RosterDialog onClose={() => setRosterOpen(false)} />}
    </Pane>
  );
}

/** Shift leads and administrators edit the roster. */
function useConsoleRole(): boolean {
  return useSessionStore(sessionSelectors.isSupervisor);
}
