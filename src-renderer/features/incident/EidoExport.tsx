import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { downloadText } from '../../app/download';
import { runTask } from '../../store/errors/errorStore';

/** Downloads the incident as NENA EIDO JSON for another center (Alt+E); the host validates and audits it. */
export function EidoExportButton(props: { incident: IncidentRecord }) {
  const { t } = useTranslation();
  const remote = useRemote();
  const [busy, setBusy] = useState(false);
  const incidentId = props.incident.id;

  const exportNow = useCallback((): void => {
    setBusy(true);
    runTask(
      remote.eido
        .exportIncident({ incidentId })
        .then(({ filename, document }) =>
          downloadText({ filename, mimeType: 'application/json', text: `${JSON.stringify(document, null, 2)}\n` }),
        )
        .finally(() => setBusy(false)),
    );
  }, [remote, incidentId]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.altKey && event.code === 'KeyE') {
        event.preventDefault();
        exportNow();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [exportNow]);

  return (
    <button type="button" className="button" data-testid="export-eido" disabled={busy} onClick={exportNow}>
      {t('detail.exportEido')} <ShortcutKey keys="Alt+E" />
    </button>
  );
}
