import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemote } from '../../app/RemoteContext';
import { viewFromLocation } from '../../app/views';
import { runTask } from '../../store/errors/errorStore';
import { LayoutEditor } from './LayoutEditor';
import { openViewWindow } from './openViewWindow';

/** Header buttons: the shift lead's outage view (its own window) and the workstation layout editor. */
export function WorkspaceTools() {
  const { t } = useTranslation();
  const remote = useRemote();
  const editor = useRef<HTMLDialogElement>(null);
  const [openedAt, setOpenedAt] = useState(0);
  const inOutageView = viewFromLocation(window.location) === 'outage';
  return (
    <div className="header-tools">
      {!inOutageView && (
        <button
          type="button"
          className="button"
          data-testid="open-outage-view"
          onClick={() => runTask(openViewWindow(remote, 'outage'))}
        >
          {t('outage.open')}
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid="open-layout-editor"
        onClick={() => {
          setOpenedAt(Date.now());
          editor.current?.showModal();
        }}
      >
        {t('workspace.open')}
      </button>
      <LayoutEditor ref={editor} openedAt={openedAt} />
    </div>
  );
}
