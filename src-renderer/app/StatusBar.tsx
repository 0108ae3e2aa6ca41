import { useTranslation } from 'react-i18next';
import { DISPATCH_KEY } from '../features/dispatch/DispatchPanel';
import { MAP_BACK_KEY } from '../features/map/mapShortcuts';
import { SEARCH_KEY } from '../features/queue/queueKeys';
import { ShortcutKey } from './ShortcutKey';
import { SHORTCUTS } from './shortcuts';

const keys: Record<(typeof SHORTCUTS)[number], string> = {
  newCall: 'F2',
  answerNext: 'F4',
  create: 'Ctrl+Enter',
  dispatch: DISPATCH_KEY,
  attachDuplicate: 'Alt+Y',
  rejectDuplicate: 'Alt+N',
  switchIntake: 'Alt+1…9',
  searchIncident: SEARCH_KEY,
  mapBack: MAP_BACK_KEY,
};

/** The shortcuts, always in sight: new dispatchers learn them from here. */
export function StatusBar() {
  const { t } = useTranslation();
  return (
    <footer className="status-bar" aria-label={t('shortcuts.title')}>
      {SHORTCUTS.map((shortcut) => (
        <span key={shortcut} className="shortcut">
          <ShortcutKey keys={keys[shortcut]} />
          {t(`shortcuts.${shortcut}`)}
        </span>
      ))}
    </footer>
  );
}
