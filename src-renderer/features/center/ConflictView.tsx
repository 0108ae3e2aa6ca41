import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { conflictResolutions, type ConflictRecord, type ConflictResolution } from '../../../src-shared/domain/conflict';
import { sessionSelectors, useSessionStore } from '../../store/session/sessionStore';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { applyHostEvent } from '../../app/hostFeed';
import { currentLanguage } from '../../i18n';
import { conflictSelectors, useConflictStore } from '../../store/conflicts/conflictStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';

/** Which resolutions make sense for a conflict (a call cannot be "released"). */
function resolutionsFor(conflict: ConflictRecord): readonly ConflictResolution[] {
  return conflict.kind === 'unit-assignment'
    ? conflictResolutions
    : conflictResolutions.filter((resolution) => resolution !== 'release');
}

function Side(props: { label: string; side: ConflictRecord['winner']; at?: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const number = useIncidentStore((state) =>
    props.side.incidentId ? state.byId[props.side.incidentId]?.number : undefined,
  );
  return (
    <div className="conflict-side">
      <h4>{props.label}</h4>
      <p>
        <bdi translate="no">{t('conflict.side', { console: props.side.console, operator: props.side.operator })}</bdi>
        {number && (
          <>
            {' · '}
            <bdi translate="no">{t('conflict.incident', { number })}</bdi>
          </>
        )}
        {props.at !== undefined && <> · {t('conflict.at', { time: formatClock(props.at, language, timeZone) })}</>}
      </p>
    </div>
  );
}

/**
 * The shift lead's conflict view: every conflict with both sides, and one key per resolution
 * (1 keep the other assignment, 2 reassign, 3 release, 4 merge) on the selected one.
 */
export const ConflictView = forwardRef<HTMLDialogElement>(function ConflictView(_props, dialog) {
  const { t } = useTranslation();
  const remote = useRemote();
  const open = useConflictStore(useShallow(conflictSelectors.open));
  const resolved = useConflictStore(useShallow(conflictSelectors.resolved));
  const canResolve = useSessionStore(sessionSelectors.isSupervisor);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = open.find((conflict) => conflict.id === selectedId) ?? open[0];

  const resolve = (conflict: ConflictRecord, resolution: ConflictResolution): void => {
    runTask(
      remote.center
        .resolveConflict({ conflictId: conflict.id, resolution })
        .then((record) => applyHostEvent({ name: 'onConflict', payload: record })),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="incident-detail"
      data-testid="conflict-view"
      aria-label={t('conflict.title')}
      onKeyDown={(event) => {
        if (!selected || !canResolve) return;
        const resolution = resolutionsFor(selected)[Number(event.key) - 1];
        if (event.key >= '1' && event.key <= '4' && resolution) {
          event.preventDefault();
          resolve(selected, resolution);
        }
      }}
    >
      <header className="detail-header">
        <h2>{t('conflict.title')}</h2>
        <form method="dialog">
          <button type="submit" className="button">
            {t('detail.close')}
          </button>
        </form>
      </header>
      <div className="detail-body center-body">
        {!canResolve && <p className="option-meta">{t('conflict.shiftLeadOnly')}</p>}
        {open.length === 0 && <p className="option-meta">{t('conflict.none')}</p>}
        <ol className="conflict-list">
          {open.map((conflict) => (
            <li
              key={conflict.id}
              className={`conflict${conflict.id === selected?.id ? ' conflict-selected' : ''}`}
              data-testid="conflict"
              data-kind={conflict.kind}
              tabIndex={0}
              onFocus={() => setSelectedId(conflict.id)}
              onClick={() => setSelectedId(conflict.id)}
            >
              <h3>
                {t(`conflict.kind.${conflict.kind}`)} ·{' '}
                <bdi translate="no" dir="auto">
                  {conflict.subjectLabel}
                </bdi>
              </h3>
              <Side label={t('conflict.winner')} side={conflict.winner} />
              <Side label={t('conflict.loser')} side={conflict.loser} at={conflict.loser.at} />
              {canResolve && (
                <div className="conflict-actions">
                  {resolutionsFor(conflict).map((resolution, index) => (
                    <button
                      key={resolution}
                      type="button"
                      className="button"
                      data-testid={`resolve-${resolution}`}
                      onClick={() => resolve(conflict, resolution)}
                    >
                      <kbd>{index + 1}</kbd> {t(`conflict.resolution.${resolution}`)}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
        {resolved.length > 0 && (
          <section aria-label={t('conflict.resolvedTitle')}>
            <h3>{t('conflict.resolvedTitle')}</h3>
            <ol className="conflict-list">
              {resolved.map((conflict) => (
                <li key={conflict.id} className="conflict conflict-resolved" data-testid="conflict-resolved">
                  {t(`conflict.kind.${conflict.kind}`)} ·{' '}
                  <bdi translate="no" dir="auto">
                    {conflict.subjectLabel}
                  </bdi>{' '}
                  ·{' '}
                  {conflict.resolution &&
                    t('conflict.resolved', {
                      resolution: t(`conflict.resolution.${conflict.resolution.kind}`),
                      by: conflict.resolution.by,
                    })}
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </dialog>
  );
});
