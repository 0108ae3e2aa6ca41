import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CenterStatus } from '../../../src-shared/contract/api';
import { formatClock, formatCount } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { useCenterStore } from '../../store/center/centerStore';
import { useConsoleStore } from '../../store/console/consoleStore';

/**
 * Center mode at a glance (docs/center.md): the link to the center's servers, the replicated log,
 * and which positions are online with their operators: what a shift lead checks first when the
 * room's picture looks wrong.
 */
export const CenterStatusDialog = forwardRef<HTMLDialogElement>(function CenterStatusDialog(_props, dialog) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const status = useCenterStore((state) => state.status);
  const count = (value: number): string => formatCount(value, language);
  const refused = status ? Object.entries(status.refused) : [];
  return (
    <dialog ref={dialog} className="incident-detail" data-testid="center-status" aria-label={t('center.title')}>
      <header className="detail-header">
        <h2>{t('center.title')}</h2>
        <form method="dialog">
          <button type="submit" className="button">
            {t('detail.close')}
          </button>
        </form>
      </header>
      {status && (
        <div className="detail-body center-body">
          <dl className="center-facts">
            <dt>{t('center.title')}</dt>
            <dd data-testid="center-link" data-link={status.link}>
              {t(`center.link.${status.link}`)} · {formatClock(status.since, language, timeZone)}
              {status.problem !== null && (
                <>
                  {' · '}
                  <bdi dir="auto">{status.problem}</bdi>
                </>
              )}
            </dd>
            <dt>{t('center.server')}</dt>
            <dd>
              <bdi dir="ltr" translate="no">
                {status.server ?? status.servers.join(', ')}
              </bdi>
            </dd>
            {status.stream && (
              <>
                <dt>{t('center.stream')}</dt>
                <dd>
                  {t('center.streamLine', {
                    name: status.stream.name,
                    events: count(status.stream.messages),
                    replicas: count(status.stream.replicas),
                    leader: status.stream.leader ?? '—',
                  })}
                </dd>
              </>
            )}
            <dt>{t('center.applied')}</dt>
            <dd data-testid="center-applied">{count(status.appliedSeq)}</dd>
            <dt>{t('center.lag')}</dt>
            <dd data-testid="center-lag">{count(status.lag)}</dd>
            <dt>{t('center.outbox')}</dt>
            <dd data-testid="center-outbox">{count(status.outbox)}</dd>
            {refused.length > 0 && (
              <>
                <dt>{t('center.refused')}</dt>
                <dd>
                  {refused.map(([reason, n]) => (
                    <span key={reason} className="badge badge-warn">
                      <bdi translate="no">{reason}</bdi> {count(n)}
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <Positions status={status} />
        </div>
      )}
    </dialog>
  );
});

function Positions(props: { status: CenterStatus }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const { status } = props;
  return (
    <section aria-label={t('center.positions')}>
      <h3>{t('center.positions')}</h3>
      {status.consoles.length === 0 ? (
        <p className="option-meta">{t('center.none')}</p>
      ) : (
        <table className="serial-table" data-testid="center-positions">
          <thead>
            <tr>
              <th>{t('center.position')}</th>
              <th>{t('center.operator')}</th>
              <th>{t('center.role')}</th>
              <th>{t('center.online')}</th>
              <th>{t('center.applied')}</th>
              <th>{t('center.heartbeat')}</th>
            </tr>
          </thead>
          <tbody>
            {status.consoles.map((position) => (
              <tr key={position.consoleCode} data-testid="center-position" data-online={String(position.online)}>
                <td>
                  <bdi translate="no">{position.consoleCode}</bdi>
                  {position.consoleCode === status.consoleCode && <> ({t('center.this')})</>}
                </td>
                <td>
                  <bdi translate="no">{position.operator}</bdi>
                </td>
                <td>{t(`role.${position.role}`)}</td>
                <td className={position.online ? 'state-up' : 'state-down'}>
                  {position.online ? t('center.online') : t('center.offline')}
                </td>
                <td>{formatCount(position.appliedSeq, language)}</td>
                <td>{formatClock(position.at, language, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
