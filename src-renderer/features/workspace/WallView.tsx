import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, Pane } from '../../app/Pane';
import { UnitIcon } from '../../app/icons';
import { WallBoard } from './WallBoard';

// The KPI feature (features/kpi) may or may not be part of this build: take its wall component when
// it exists, so this window never imports a file that is not there.
const kpiModules = import.meta.glob<Record<string, unknown>>('../kpi/*.tsx', { eager: true });
const wallExportNames = ['KpiWall', 'WallDisplay', 'KpiWallDisplay', 'KpiDashboard', 'KpiPane', 'KpiView'];

function findWallComponent(): ComponentType | null {
  for (const name of wallExportNames) {
    for (const module of Object.values(kpiModules)) {
      const candidate = module[name];
      if (typeof candidate === 'function') return candidate as ComponentType;
    }
  }
  return null;
}

const KpiWall = findWallComponent();

/**
 * The wall display: the live picture (calls waiting, uncovered P1s, units, alarms, the map) on top,
 * the shift's KPIs and timers below, readable from across the room.
 */
export function WallView() {
  const { t } = useTranslation();
  return (
    <div className="wall-view" data-testid="wall-view">
      <WallBoard />
      {KpiWall ? (
        <KpiWall />
      ) : (
        <Pane id="wall" title={t('workspace.view.wall')}>
          <div data-testid="wall-placeholder">
            <EmptyState icon={<UnitIcon />} title={t('workspace.wallPending')} hint={t('workspace.wallPendingHint')} />
          </div>
        </Pane>
      )}
    </div>
  );
}
