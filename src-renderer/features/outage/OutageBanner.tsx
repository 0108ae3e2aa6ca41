import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { viewFromLocation } from '../../app/views';
import { useHostNow } from '../../app/useNow';
import { currentLanguage } from '../../i18n';
import { useConnectionStore } from '../../store/connection/connectionStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';
import { openViewWindow } from '../workspace/openViewWindow';
import { linksOut } from './outageSelectors';
import './outage.css';

/**
 * Shown in every window while a link the room depends on is out: which one, since when, and that
 * everything local keeps working — with the way to the shift lead's outage view.
 */
export function OutageBanner() {
  const { t } = useTranslation();
  const remote = useRemote();
  const language = currentLanguage();
  const links = useConnectionStore((state) => state.links);
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const now = useHostNow(5_000);
  const out = useMemo(() => linksOut(links, now), [links, now]);
  if (out.length === 0) return null;
  const inOutageView = viewFromLocation(window.location) === 'outage';
  return (
    <div className="banner banner-outage outage-banner" role="alert" data-testid="outage-banner">
      <span className="outage-banner-title">{t('outage.bannerTitle')}</span>
      <ul className="outage-banner-links">
        {out.map((link) => (
          <li key={link.id} data-testid="outage-banner-link" data-link={link.id}>
            {t(`links.kind.${link.kind}`)} <bdi translate="no">{link.label}</bdi>{' '}
            {t('outage.downSince', { time: formatClock(link.since, language, timeZone) })}
          </li>
        ))}
      </ul>
      <span className="outage-banner-hint">{t('outage.bannerHint')}</span>
      {!inOutageView && (
        <button type="button" className="button" onClick={() => runTask(openViewWindow(remote, 'outage'))}>
          {t('outage.open')}
        </button>
      )}
    </div>
  );
}
