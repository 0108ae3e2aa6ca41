import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { centerSelectors, useCenterStore } from '../../store/center/centerStore';
import { conflictSelectors, useConflictStore } from '../../store/conflicts/conflictStore';
import { ConflictView } from './ConflictView';

/** The header's way into the conflict view: in center mode, loud while conflicts are open. */
export function ConflictsButton() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const isCenter = useCenterStore(centerSelectors.isCenter);
  const open = useConflictStore(conflictSelectors.openCount);
  if (!isCenter && open === 0) return null;
  return (
    <>
      <ConflictView ref={dialog} />
      <button
        type="button"
        className={`button${open > 0 ? ' button-alert' : ''}`}
        data-testid="conflicts-open"
        data-open={String(open)}
        onClick={() => dialog.current?.showModal()}
      >
        {t('conflict.open', { count: formatCount(open, currentLanguage()) })}
      </button>
    </>
  );
}
