import { useTranslation } from 'react-i18next';
import { EmptyState, Pane } from '../../app/Pane';
import { PhoneIcon } from '../../app/icons';

/** Waiting calls and open incidents (filled by the call-intake feature). */
export function QueuePane() {
  const { t } = useTranslation();
  return (
    <Pane id="queue" title={t('queue.title')}>
      <EmptyState icon={<PhoneIcon />} title={t('queue.empty')} hint={t('queue.emptyHint')} />
    </Pane>
  );
}
