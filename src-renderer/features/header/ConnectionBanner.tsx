import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '../../store/connection/connectionStore';

/** Impossible to miss: this window no longer reaches the host, so what it shows may be stale. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionStore((current) => current.transportState);
  const everConnected = useConnectionStore((current) => current.latencyMs !== null);
  if (state === 'open' || !everConnected) return null;
  return (
    <div className="banner banner-outage" role="alert" data-testid="host-outage">
      {t('connection.lost')}
    </div>
  );
}
