import { useTranslation } from 'react-i18next';
import { Pane } from '../../app/Pane';
import { useHostNow } from '../../app/useNow';
import { IncidentSearchBox } from '../incident/IncidentSearchBox';
import { CallList } from './CallList';
import { IncidentList } from './IncidentList';

/** Waiting calls on top, open incidents below: the dispatcher's whole workload in one column. */
export function QueuePane() {
  const { t } = useTranslation();
  const now = useHostNow();
  return (
    <Pane id="queue" title={t('queue.title')}>
      <div className="queue-pane">
        <IncidentSearchBox />
        <CallList now={now} />
        <IncidentList now={now} />
      </div>
    </Pane>
  );
}
