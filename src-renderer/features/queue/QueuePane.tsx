import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { formatElapsed } from '../../../src-shared/domain/time';
import { EmptyState, Pane } from '../../app/Pane';
import { PhoneIcon } from '../../app/icons';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { incidentSelectors, useIncidentStore } from '../../store/incidents/incidentStore';

function IncidentRow(props: { incident: IncidentRecord; now: number }) {
  const { t } = useTranslation();
  const { incident, now } = props;
  return (
    <li
      className={`queue-item priority-${incident.priority}`}
      data-testid="queue-incident"
      data-number={incident.number}
    >
      <span className="priority-badge" aria-label={t('queue.priority', { priority: incident.priority })}>
        {t('queue.priorityShort', { priority: incident.priority })}
      </span>
      <div className="queue-main">
        <div className="queue-line">
          <bdi className="incident-number" translate="no">
            {incident.number}
          </bdi>
          <span className="incident-type" translate="no">
            {incident.typeCode}
          </span>
        </div>
        {incident.address && <div className="queue-address">{incident.address}</div>}
      </div>
      <time className="queue-age" title={t('queue.age')}>
        {formatElapsed(now - incident.createdAt, currentLanguage())}
      </time>
    </li>
  );
}

/** Waiting calls and open incidents, most urgent first, with their waiting time counting live. */
export function QueuePane() {
  const { t } = useTranslation();
  const open = useIncidentStore(useShallow(incidentSelectors.openQueue));
  const now = useHostNow();
  return (
    <Pane id="queue" title={t('queue.title')}>
      {open.length === 0 ? (
        <EmptyState icon={<PhoneIcon />} title={t('queue.empty')} hint={t('queue.emptyHint')} />
      ) : (
        <ol className="queue-list">
          {open.map((incident) => (
            <IncidentRow key={incident.id} incident={incident} now={now} />
          ))}
        </ol>
      )}
    </Pane>
  );
}
