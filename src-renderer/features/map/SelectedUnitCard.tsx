import { useTranslation } from 'react-i18next';
import { usePositionStore } from '../../store/positions/positionStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { useUnitStore } from '../../store/units/unitStore';
import { unitStatuses } from '../../../src-shared/domain/unit';

/**
 * The selected unit over the map: callsign, status, how fresh its position is. Reads one unit's
 * position object, which is the same object until that unit moves, so other units' moves do not
 * render it.
 */
export function SelectedUnitCard() {
  const { t } = useTranslation();
  const unitId = useSelectionStore((state) => state.unitId);
  const selectUnit = useSelectionStore((state) => state.selectUnit);
  const unit = useUnitStore((state) => (unitId ? state.units[unitId] : undefined));
  const position = usePositionStore((state) => (unitId ? state.positions.get(unitId) : undefined));
  if (!unitId) return null;
  const status = unit && (unitStatuses as readonly string[]).includes(unit.status) ? unit.status : null;
  return (
    <section className="map-unit-card" aria-label={t('map.selectedUnit')} data-testid="map-selected-unit">
      <strong>
        <bdi translate="no" data-testid="map-selected-callsign">
          {unit?.callsign ?? unitId}
        </bdi>
      </strong>
      <span>{status ? t(`map.unitStatus.${status}`) : t('map.notInRoster')}</span>
      {position ? (
        <span data-freshness={position.freshness}>{t(`map.freshness.${position.freshness}`)}</span>
      ) : (
        <span>{t('map.noPosition')}</span>
      )}
      <button type="button" className="map-tool" aria-label={t('map.clearSelection')} onClick={() => selectUnit(null)}>
        ×
      </button>
    </section>
  );
}
