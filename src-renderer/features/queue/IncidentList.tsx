import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { formatCount, formatElapsed } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { incidentSelectors, useIncidentStore } from '../../store/incidents/incidentStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { focusIncidentSearch, ROW_INDEX_ATTRIBUTE, rowIndex } from './queueKeys';

const ROW_HEIGHT = 58;
const ALL = '*';
/** Frames to wait for a row scrolled into view to be rendered by the virtual list. */
const FOCUS_ATTEMPTS = 10;

function IncidentRow(props: { incident: IncidentRecord; now: number; index: number }) {
  const { t } = useTranslation();
  const { incident, now } = props;
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const select = useSelectionStore((state) => state.selectIncident);
  const type = taxonomy?.types.find((entry) => entry.code === incident.typeCode);
  return (
    <button
      type="button"
      className={`queue-item priority-${String(incident.priority)}`}
      data-testid="queue-incident"
      data-number={incident.number}
      {...{ [ROW_INDEX_ATTRIBUTE]: props.index }}
      onClick={() => select(incident.id)}
    >
      <span className="priority-badge" aria-label={t('queue.priority', { priority: incident.priority })}>
        {t('queue.priorityShort', { priority: incident.priority })}
      </span>
      <div className="queue-main">
        <div className="queue-line">
          <bdi className="incident-number" translate="no">
            {incident.number}
          </bdi>
          <span className="incident-type">{localized(type?.name, language, incident.typeCode)}</span>
        </div>
        <div className="queue-line">
          <span className="agency-dots" aria-hidden="true">
            {incident.agencies.map((entry) => (
              <span
                key={entry.agency}
                className="chip-dot"
                style={{ backgroundColor: taxonomy?.agencies.find((agency) => agency.code === entry.agency)?.color }}
              />
            ))}
          </span>
          {/* dir=auto: a Latin ALI address is cut at its end, its leading house number stays in front. */}
          {incident.address && (
            <bdi className="queue-address" dir="auto" data-testid="queue-address">
              {incident.address}
            </bdi>
          )}
        </div>
      </div>
      <time className="queue-age" title={t('queue.age')}>
        {formatElapsed(now - incident.createdAt, language)}
      </time>
    </button>
  );
}

/**
 * Open incidents, most urgent first, for all agencies or one agency's queue. Virtualized: a
 * thousand open incidents scroll as smoothly as ten.
 */
export function IncidentList(props: { now: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [agency, setAgency] = useState(ALL);
  const open = useIncidentStore(useShallow(incidentSelectors.openQueue));
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const agencies = taxonomy?.agencies ?? [];
  const shown =
    agency === ALL ? open : open.filter((incident) => incident.agencies.some((entry) => entry.agency === agency));
  const countFor = (code: string): number =>
    open.filter((incident) => incident.agencies.some((entry) => entry.agency === code)).length;
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoize; this component is not compiled
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // A virtual list renders only the rows near the view: scroll the target in, then focus it once it exists.
  const focusRow = (index: number, attempt = 0): void => {
    const row = scroller.current?.querySelector<HTMLElement>(`[${ROW_INDEX_ATTRIBUTE}="${String(index)}"]`);
    if (row) {
      row.focus();
      return;
    }
    if (attempt === 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    if (attempt < FOCUS_ATTEMPTS) requestAnimationFrame(() => focusRow(index, attempt + 1));
  };
  /** ↓ ↑ Home End PageDown PageUp move through the incidents; Enter opens one; ↑ from the first goes to the search. */
  const onListKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!(event.target instanceof HTMLElement) || !event.target.hasAttribute(ROW_INDEX_ATTRIBUTE)) return;
    const current = rowIndex(event.target);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const last = shown.length - 1;
    const targets: Partial<Record<string, number>> = {
      ArrowDown: Math.min(last, current + 1),
      ArrowUp: current - 1,
      PageDown: Math.min(last, current + page),
      PageUp: Math.max(0, current - page),
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    if (target === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (target < 0) focusIncidentSearch();
    else focusRow(target);
  };

  return (
    <section className="queue-section queue-incidents" aria-label={t('queue.incidents')} data-testid="incident-queue">
      <h3 className="queue-heading">
        {t('queue.incidents')} <span className="count">{formatCount(open.length, language)}</span>
      </h3>
      <div className="agency-filter" role="tablist" aria-label={t('queue.agencyFilter')}>
        <button type="button" role="tab" aria-selected={agency === ALL} onClick={() => setAgency(ALL)}>
          {t('queue.allAgencies')} <span className="count">{formatCount(open.length, language)}</span>
        </button>
        {agencies
          .map((entry) => ({ entry, count: countFor(entry.code) }))
          .filter(({ count }) => count > 0)
          .map(({ entry, count }) => (
            <button
              key={entry.code}
              type="button"
              role="tab"
              aria-selected={agency === entry.code}
              data-testid={`agency-filter-${entry.code}`}
              onClick={() => setAgency(entry.code)}
            >
              {localized(entry.shortName, language, entry.code)}{' '}
              <span className="count">{formatCount(count, language)}</span>
            </button>
          ))}
      </div>
      {shown.length === 0 ? (
        <p className="queue-empty">{t('queue.noIncidents')}</p>
      ) : (
        <div className="incident-scroller" ref={scroller} data-testid="incident-scroller" onKeyDown={onListKey}>
          <div style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const incident = shown[row.index];
              return incident ? (
                <div
                  key={incident.id}
                  className="virtual-row"
                  style={{ blockSize: row.size, transform: `translateY(${String(row.start)}px)` }}
                >
                  <IncidentRow incident={incident} now={props.now} index={row.index} />
                </div>
              ) : null;
            })}
          </div>
        </div>
      )}
    </section>
  );
}
