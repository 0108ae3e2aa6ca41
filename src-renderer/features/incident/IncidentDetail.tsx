import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail as Detail } from '../../../src-shared/contract/api';
import { formatLocationName } from '../../../src-shared/domain/locationNames';
import { formatClock, formatCount, formatDate } from '../../../src-shared/domain/time';
import { addressPartsInOrder } from '../../../src-shared/domain/iraqiAddress';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { CloseIncidentActions } from './CloseIncident';
import { statusKey, timelineKey } from './labels';
import { TimelineDetail } from './TimelineDetail';
import { DispatchPanel } from '../dispatch/DispatchPanel';

type Milestone =
  'receivedAt' | 'answeredAt' | 'createdAt' | 'routedAt' | 'dispatchedAt' | 'enRouteAt' | 'onSceneAt' | 'closedAt';
const milestones: readonly Milestone[] = [
  'receivedAt',
  'answeredAt',
  'createdAt',
  'routedAt',
  'dispatchedAt',
  'enRouteAt',
  'onSceneAt',
  'closedAt',
];

function noteText(payload: unknown): string | null {
  return typeof payload === 'object' && payload !== null && 'text' in payload && typeof payload.text === 'string'
    ? payload.text
    : null;
}

function DetailContent(props: { detail: Detail; onClose: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const { incident, timeline } = props.detail;
  const type = taxonomy?.types.find((entry) => entry.code === incident.typeCode);
  const time = (at: number): string => formatClock(at, language, timeZone);
  return (
    <>
      <header className="detail-header">
        <span className={`priority-badge priority-${String(incident.priority)}`}>
          {t('queue.priorityShort', { priority: incident.priority })}
        </span>
        <h2>
          <bdi translate="no">{incident.number}</bdi> · {localized(type?.name, language, incident.typeCode)}
        </h2>
        <span className="badge">{t(`status.${statusKey(incident.status)}`)}</span>
        <CloseIncidentActions incident={incident} />
        <button type="button" className="button" onClick={props.onClose}>
          {t('detail.close')}
        </button>
      </header>
      <div className="detail-body">
        <dl className="detail-fields">
          <dt>{t('intake.address')}</dt>
          <dd dir="auto" data-testid="detail-address">
            {incident.address ?? '—'}
          </dd>
          <dt>{t('detail.locationName')}</dt>
          <dd data-testid="detail-location-name">
            {(incident.locationName && formatLocationName(incident.locationName, language)) || '—'}
          </dd>
          {incident.addressParts && (
            <>
              <dt>{t('intake.addressParts.legend')}</dt>
              <dd data-testid="detail-address-parts">
                {addressPartsInOrder(incident.addressParts).map(([name, value], index) => (
                  <span key={name} data-part={name}>
                    {index > 0 &&
                      t(
                        name === 'landmark' ? 'intake.addressParts.landmarkSeparator' : 'intake.addressParts.separator',
                      )}
                    {t(`intake.addressParts.${name}`)} <bdi>{value}</bdi>
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt>{t('intake.callerNumber')}</dt>
          <dd>
            <bdi translate="no" dir="ltr">
              {incident.callerNumber ?? '—'}
            </bdi>
            {incident.callerName && (
              <>
                {' · '}
                <bdi>{incident.callerName}</bdi>
              </>
            )}
          </dd>
          <dt>{t('intake.agencies')}</dt>
          <dd>
            {incident.agencies
              .map((entry) =>
                localized(
                  taxonomy?.agencies.find((agency) => agency.code === entry.agency)?.name,
                  language,
                  entry.agency,
                ),
              )
              .join(t('detail.listSeparator'))}
          </dd>
          <dt>{t('detail.callers')}</dt>
          <dd>{formatCount(incident.callIds.length, language)}</dd>
          {incident.priorityReason && (
            <>
              <dt>{t('intake.priorityReason')}</dt>
              <dd>{incident.priorityReason}</dd>
            </>
          )}
          {milestones.map((milestone) => {
            const at = incident[milestone];
            return at !== null ? (
              <div key={milestone} className="detail-row">
                <dt>{t(`detail.milestone.${milestone}`)}</dt>
                <dd>{time(at)}</dd>
              </div>
            ) : null;
          })}
        </dl>
        <DispatchPanel incident={incident} />
        <section className="timeline" aria-label={t('detail.timeline')}>
          <h3>{t('detail.timeline')}</h3>
          <p className="option-meta">{formatDate(incident.createdAt, language, timeZone)}</p>
          <ol data-testid="timeline">
            {timeline.map((entry) => (
              <li key={entry.id} data-type={entry.type}>
                <time>{time(entry.at)}</time>
                <span className="timeline-type">{t(timelineKey(entry.type))}</span>
                <TimelineDetail entry={entry} incident={incident} />
                <bdi className="option-meta" translate="no">
                  {entry.actor}
                </bdi>
                {noteText(entry.payload) !== null && <div className="timeline-note">{noteText(entry.payload)}</div>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}

/** One incident, complete: its fields, milestones and whole timeline (kept after it is closed). */
export function IncidentDetail() {
  const { t } = useTranslation();
  const remote = useRemote();
  const incidentId = useSelectionStore((state) => state.incidentId);
  const select = useSelectionStore((state) => state.selectIncident);
  // A change to the incident (from any window) refreshes the detail.
  const version = useIncidentStore((state) => (incidentId ? state.byId[incidentId]?.version : undefined));
  const [detail, setDetail] = useState<Detail | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!incidentId) return;
    let current = true;
    runTask(
      remote.incident.get({ id: incidentId }).then((loaded) => {
        if (current) setDetail(loaded);
      }),
    );
    return () => {
      current = false;
    };
  }, [incidentId, version, remote]);

  useEffect(() => {
    if (incidentId && !dialog.current?.open) dialog.current?.showModal();
    if (!incidentId && dialog.current?.open) dialog.current.close();
  }, [incidentId]);

  const shown = detail && detail.incident.id === incidentId ? detail : null;

  return (
    <dialog
      ref={dialog}
      className="incident-detail"
      data-testid="incident-detail"
      aria-label={t('detail.title')}
      onClose={() => select(null)}
    >
      {shown && <DetailContent detail={shown} onClose={() => dialog.current?.close()} />}
    </dialog>
  );
}
