import { Trans, useTranslation } from 'react-i18next';
import { destinationStatuses, type UnitRecord } from '../../../src-shared/domain/unit';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import './units.css';

/** The hospital a transporting unit named (on its incident's unit entry), or undefined. */
export function useUnitDestination(unit: UnitRecord): string | undefined {
  return useIncidentStore((state) =>
    unit.incidentId && destinationStatuses.includes(unit.status)
      ? state.byId[unit.incidentId]?.units.findLast((entry) => entry.unitId === unit.id)?.destination
      : undefined,
  );
}

/** "→ hospital", the name isolated (it is often in another script than the UI). */
export function UnitDestination(props: { hospital: string }) {
  const { t } = useTranslation();
  return (
    <span className="unit-destination" data-testid="unit-destination" title={t('units.destinationHint')}>
      <Trans
        i18nKey="units.destination"
        values={{ hospital: props.hospital }}
        // Numbered, not named: a Latin tag name would sit in the Arabic and Sorani texts.
        components={[<bdi key="hospital" translate="no" />]}
      />
    </span>
  );
}
