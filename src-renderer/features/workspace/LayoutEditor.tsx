import { forwardRef, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayInfo, Rect, WindowPlacement } from '../../../src-shared/domain/placement';
import { moveToDisplay, nextWindowKey } from '../../../src-shared/domain/placement';
import { useRemote } from '../../app/RemoteContext';
import { applyHostEvent, applyHostSnapshot } from '../../app/hostFeed';
import { viewHref, windowViews, type WindowView } from '../../app/views';
import { runTask } from '../../store/errors/errorStore';
import { useLayoutStore } from './layoutStore';
import { FALLBACK_DISPLAY, openViewWindow } from './openViewWindow';

type SavedDisplay = WindowPlacement['display'];

/** Displays to choose from: those the desktop shell reports now, then those only the saved layout knows. */
function displayChoices(displays: readonly DisplayInfo[], windows: readonly WindowPlacement[]): SavedDisplay[] {
  const choices = new Map<string, SavedDisplay>();
  for (const display of displays) choices.set(display.id, display);
  for (const window of windows) if (!choices.has(window.display.id)) choices.set(window.display.id, window.display);
  if (choices.size === 0) choices.set(FALLBACK_DISPLAY.id, FALLBACK_DISPLAY);
  return [...choices.values()];
}

const boundsFields: readonly (keyof Rect)[] = ['x', 'y', 'width', 'height'];

/**
 * The workstation layout editor (settings): every window of this workstation — its view, the
 * display it belongs on, its bounds, maximized or fullscreen. Saved on the host for this
 * workstation and applied by the desktop app at once and at every start.
 */
export const LayoutEditor = forwardRef<HTMLDialogElement, { openedAt: number }>(function LayoutEditor(props, dialog) {
  const { t } = useTranslation();
  const remote = useRemote();
  const state = useLayoutStore((store) => store.state);
  const [draft, setDraft] = useState<WindowPlacement[]>([]);
  const [baseVersion, setBaseVersion] = useState(0);
  const [addView, setAddView] = useState<WindowView>('map');

  // A fresh copy each time the editor opens (and when another window saved meanwhile).
  useEffect(() => {
    if (props.openedAt === 0) return;
    runTask(
      remote.layout.get({}).then((loaded) => {
        applyHostSnapshot('layout', loaded);
        setDraft([...loaded.layout.windows]);
        setBaseVersion(loaded.layout.version);
      }),
    );
  }, [props.openedAt, remote]);

  const displays = useMemo(() => displayChoices(state?.displays ?? [], draft), [state?.displays, draft]);
  const reported = state?.displays ?? [];
  const desktop = Boolean(window.nida);

  const update = (key: string, change: (window: WindowPlacement) => WindowPlacement): void =>
    setDraft((current) => current.map((window) => (window.key === key ? change(window) : window)));

  const add = (): void =>
    setDraft((current) => {
      const display = displays[0] ?? FALLBACK_DISPLAY;
      const area = display.workArea;
      return [
        ...current,
        {
          key: nextWindowKey(addView, current),
          view: addView,
          display,
          bounds: { x: area.x, y: area.y, width: Math.min(1280, area.width), height: Math.min(800, area.height) },
          maximized: true,
          fullscreen: false,
        },
      ];
    });

  const save = (): void =>
    runTask(
      remote.layout.save({ windows: draft, expectedVersion: baseVersion }).then((saved) => {
        applyHostEvent({ name: 'onLayoutChanged', payload: saved });
        setBaseVersion(saved.layout.version);
      }),
    );

  return (
    <dialog ref={dialog} className="layout-editor" data-testid="layout-editor" aria-labelledby="layout-editor-title">
      <form method="dialog" onSubmit={(event) => event.preventDefault()}>
        <h2 id="layout-editor-title">{t('workspace.editorTitle')}</h2>
        <p>{desktop ? t('workspace.editorHintDesktop') : t('workspace.editorHintBrowser')}</p>
        <div className="layout-table-scroller">
          <table className="layout-table" data-testid="layout-table">
            <thead>
              <tr>
                <th>{t('workspace.window')}</th>
                <th>{t('workspace.viewLabel')}</th>
                <th>{t('workspace.display')}</th>
                {boundsFields.map((field) => (
                  <th key={field}>{t(`workspace.bounds.${field}`)}</th>
                ))}
                <th>{t('workspace.maximized')}</th>
                <th>{t('workspace.fullscreen')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.map((window) => (
                <tr key={window.key} data-testid="layout-row" data-key={window.key}>
                  <td>
                    <bdi translate="no">{window.key}</bdi>
                  </td>
                  <td>
                    <select
                      aria-label={t('workspace.viewLabel')}
                      value={window.view}
                      onChange={(event) => {
                        const view = event.target.value as WindowView;
                        update(window.key, (current) => ({ ...current, view }));
                      }}
                    >
                      {windowViews.map((view) => (
                        <option key={view} value={view}>
                          {t(`workspace.view.${view}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={t('workspace.display')}
                      data-testid="layout-display"
                      value={window.display.id}
                      onChange={(event) => {
                        const target = displays.find((display) => display.id === event.target.value);
                        if (!target) return;
                        const info: DisplayInfo = { ...target, scaleFactor: 1, primary: false, label: '' };
                        update(window.key, (current) => moveToDisplay(current, info));
                      }}
                    >
                      {displays.map((display, index) => {
                        const live = reported.find((candidate) => candidate.id === display.id);
                        return (
                          <option key={display.id} value={display.id}>
                            {t(live || reported.length === 0 ? 'workspace.displayName' : 'workspace.displayMissing', {
                              n: index + 1,
                              width: display.bounds.width,
                              height: display.bounds.height,
                            })}
                          </option>
                        );
                      })}
                    </select>
                  </td>
                  {boundsFields.map((field) => (
                    <td key={field}>
                      <input
                        type="number"
                        aria-label={t(`workspace.bounds.${field}`)}
                        value={window.bounds[field]}
                        min={field === 'width' || field === 'height' ? 1 : undefined}
                        onChange={(event) => {
                          const value = Math.round(Number(event.target.value));
                          if (!Number.isFinite(value)) return;
                          update(window.key, (current) => ({
                            ...current,
                            bounds: { ...current.bounds, [field]: value },
                          }));
                        }}
                      />
                    </td>
                  ))}
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('workspace.maximized')}
                      checked={window.maximized}
                      onChange={(event) => {
                        const maximized = event.target.checked;
                        update(window.key, (current) => ({ ...current, maximized }));
                      }}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('workspace.fullscreen')}
                      checked={window.fullscreen}
                      onChange={(event) => {
                        const fullscreen = event.target.checked;
                        update(window.key, (current) => ({ ...current, fullscreen }));
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={draft.length <= 1}
                      onClick={() => setDraft((current) => current.filter((entry) => entry.key !== window.key))}
                    >
                      {t('workspace.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="layout-add">
          <select
            aria-label={t('workspace.viewLabel')}
            data-testid="layout-add-role"
            value={addView}
            onChange={(event) => setAddView(event.target.value as WindowView)}
          >
            {windowViews.map((view) => (
              <option key={view} value={view}>
                {t(`workspace.view.${view}`)}
              </option>
            ))}
          </select>
          <button type="button" className="button" data-testid="layout-add" onClick={add}>
            {t('workspace.addWindow')}
          </button>
        </div>
        {!desktop && (
          <div className="view-links" data-testid="role-links">
            <span>{t('workspace.openInTab')}</span>
            {windowViews.map((view) => (
              <a
                key={view}
                href={viewHref(view, window.location)}
                data-testid={`role-link-${view}`}
                onClick={(event) => {
                  event.preventDefault();
                  runTask(openViewWindow(remote, view));
                }}
              >
                {t(`workspace.view.${view}`)}
              </a>
            ))}
          </div>
        )}
        <div className="layout-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="layout-save"
            disabled={draft.length === 0}
            onClick={save}
          >
            {t('workspace.save')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              if (typeof dialog === 'object' && dialog?.current) dialog.current.close();
            }}
          >
            {t('workspace.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
});
