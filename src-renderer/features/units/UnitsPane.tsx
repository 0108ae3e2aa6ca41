import { useTranslation } from 'react-i18next';
import { EmptyState, Pane } from '../../app/Pane';
import { UnitIcon } from '../../app/icons';

/** The unit status board (filled by the dispatch feature). */
export function UnitsPane() {
  const { t } = useTranslation();
  return (
    <Pane id="units" title={t('units.title')}>
      <EmptyState icon={<UnitIcon />} title={t('units.empty')} hint={t('units.emptyHint')} />
    </Pane>
  );
}
