import { useTranslation } from 'react-i18next';
import { EmptyState, Pane } from '../../app/Pane';
import { MapIcon } from '../../app/icons';

/** The operations map (filled by the map feature). */
export function MapPane() {
  const { t } = useTranslation();
  return (
    <Pane id="map" title={t('map.title')}>
      <EmptyState icon={<MapIcon />} title={t('map.empty')} hint={t('map.emptyHint')} />
    </Pane>
  );
}
