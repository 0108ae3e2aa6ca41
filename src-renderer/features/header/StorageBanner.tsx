import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../store/console/consoleStore';

/** The store refuses writes (damaged file): nothing typed now would be saved, so say it loudly. */
export function StorageBanner() {
  const { t } = useTranslation();
  const storage = useConsoleStore((state) => state.storage);
  if (!storage || storage.writable) return null;
  return (
    <div className="banner banner-outage" role="alert" data-testid="storage-refused">
      <div>{t('storage.refused')}</div>
      <div className="banner-detail" translate="no" dir="ltr">
        {storage.problem}
      </div>
    </div>
  );
}
