import { useTranslation } from 'react-i18next';
import { useCenterStore } from '../../store/center/centerStore';

/** Whether this console holds the call or unit provisionally (taken while the center could not confirm it). */
export function useProvisional(kind: 'calls' | 'units', id: string): boolean {
  return useCenterStore((state) => state.status?.provisional[kind].includes(id) ?? false);
}

/** The mark every window shows on a provisional call or unit, explained in its tooltip. */
export function ProvisionalMark() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-provisional" data-testid="provisional-mark" title={t('center.provisionalHint')}>
      {t('center.provisional')}
    </span>
  );
}
