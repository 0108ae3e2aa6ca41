import { forwardRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredPort, PortState, PortStatus } from '../../../src-shared/contract/serial';
import type { LinkState } from '../../../src-shared/contract/links';
import { formatClock, formatCount } from '../../../src-shared/domain/time';
import { useRemote } from '../../app/RemoteContext';
import { currentLanguage } from '../../i18n';
import { useConnectionStore } from '../../store/connection/connectionStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { runTask } from '../../store/errors/errorStore';

const linkStateOf: Record<PortState, LinkState> = {
  opening: 'connecting',
  open: 'up',
  reconnecting: 'down',
  closed: 'disabled',
};

/** Every serial port (telephony, radio, GPS): state and since when, frames, errors, the last error's text. */
export const SerialStatusDialog = forwardRef<HTMLDialogElement, { openedAt: number }>(
  function SerialStatusDialog(props, dialog) {
    const { t } = useTranslation();
    const remote = useRemote();
    const language = currentLanguage();
    const timeZone = useConsoleStore((state) => state.info?.timeZone);
    // Any serial link change (reported by the host as it happens) refreshes the table.
    const linkVersion = useConnectionStore((state) =>
      Object.values(state.links)
        .filter((link) => link.kind === 'serial')
        .map((link) => `${link.id}:${link.state}:${String(link.since)}`)
        .join('|'),
    );
    const [ports, setPorts] = useState<readonly PortStatus[]>([]);
    const [devices, setDevices] = useState<readonly DiscoveredPort[] | null>(null);

    // Counters move without a link change: reload on opening, on link changes, and every few seconds while open.
    useEffect(() => {
      if (props.openedAt === 0) return;
      const load = (): void => runTask(remote.serial.status({}).then(setPorts));
      load();
      runTask(remote.serial.discover({}).then(setDevices));
      const timer = setInterval(load, 2_000);
      return () => clearInterval(timer);
    }, [remote, linkVersion, props.openedAt]);

    const time = (at: number | null): string => (at === null ? '—' : formatClock(at, language, timeZone));
    return (
      <dialog ref={dialog} className="incident-detail" data-testid="serial-status" aria-label={t('serial.title')}>
        <header className="detail-header">
          <h2>{t('serial.title')}</h2>
          <form method="dialog">
            <button type="submit" className="button">
              {t('detail.close')}
            </button>
          </form>
        </header>
        <div className="detail-body serial-body">
          {ports.length === 0 ? (
            <p className="option-meta">{t('links.notConfigured')}</p>
          ) : (
            <table className="serial-table">
              <thead>
                <tr>
                  <th>{t('serial.port')}</th>
                  <th>{t('serial.state')}</th>
                  <th>{t('serial.frames')}</th>
                  <th>{t('serial.errors')}</th>
                  <th>{t('serial.lastFrame')}</th>
                  <th>{t('serial.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {ports.map((port) => (
                  <tr key={port.id} data-testid="serial-port" data-state={port.state} data-frames={port.frames}>
                    <td>
                      <bdi translate="no" dir="ltr">
                        {port.id} · {port.protocol} · {port.path}
                      </bdi>
                    </td>
                    <td>
                      {t(`links.state.${linkStateOf[port.state]}`)} · {t('links.since', { time: time(port.since) })}
                    </td>
                    <td>{formatCount(port.frames, language)}</td>
                    <td>{formatCount(port.errors, language)}</td>
                    <td>{time(port.lastFrameAt)}</td>
                    <td>
                      <bdi translate="no" dir="ltr">
                        {port.lastError ?? '—'}
                      </bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('serial.devices')}</h3>
          {devices === null ? null : devices.length === 0 ? (
            <p className="option-meta" data-testid="serial-no-devices">
              {t('serial.noDevices')}
            </p>
          ) : (
            <table className="serial-table" data-testid="serial-devices">
              <thead>
                <tr>
                  <th>{t('serial.device')}</th>
                  <th>{t('serial.adapter')}</th>
                  <th>{t('serial.usedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((device) => (
                  <tr key={device.path} data-testid="serial-device">
                    <td>
                      <bdi translate="no" dir="ltr">
                        {device.path}
                      </bdi>
                    </td>
                    <td>
                      <bdi translate="no" dir="ltr">
                        {[
                          device.manufacturer,
                          device.pnpId,
                          device.vendorId && `${device.vendorId}:${device.productId ?? ''}`,
                        ]
                          .filter(Boolean)
                          .join(' · ') || '—'}
                      </bdi>
                    </td>
                    <td>
                      {device.configuredAs === null ? (
                        t('serial.free')
                      ) : (
                        <bdi translate="no" dir="ltr">
                          {device.configuredAs}
                        </bdi>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </dialog>
    );
  },
);
