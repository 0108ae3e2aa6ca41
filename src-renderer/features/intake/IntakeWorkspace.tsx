import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { intakeSelectors, useIntakeStore } from '../../store/intake/intakeStore';
import { IntakeForm } from './IntakeForm';

/** Several intakes can be open at once (a dispatcher puts one caller on hold); one tab each. */
export function IntakeWorkspace() {
  const { t } = useTranslation();
  const tabs = useIntakeStore(useShallow(intakeSelectors.tabs));
  const active = useIntakeStore(intakeSelectors.active);
  const activate = useIntakeStore((state) => state.activate);
  const panel = useRef<HTMLDivElement>(null);
  const activeId = active?.id;

  // A newly opened or switched-to intake starts at its first field: location.
  useEffect(() => {
    if (!activeId) return;
    panel.current?.querySelector<HTMLInputElement>('[data-testid="place-search"]')?.focus();
  }, [activeId]);

  if (tabs.length === 0 || !active) return null;
  return (
    <section className="intake-workspace" aria-label={t('intake.title')} data-testid="intake-workspace">
      <div className="intake-tabs" role="tablist">
        {tabs.map((draft, index) => (
          <button
            key={draft.id}
            type="button"
            role="tab"
            aria-selected={draft.id === active.id}
            data-testid="intake-tab"
            onClick={() => activate(draft.id)}
          >
            <span className="tab-index" aria-hidden="true">
              {index + 1}
            </span>
            {draft.callerNumber ? (
              <bdi translate="no" dir="ltr">
                {draft.callerNumber}
              </bdi>
            ) : (
              t('intake.untitled')
            )}
          </button>
        ))}
      </div>
      <div className="intake-panel" role="tabpanel" ref={panel}>
        <IntakeForm key={active.id} draft={active} />
      </div>
    </section>
  );
}
