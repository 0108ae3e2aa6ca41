import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkKind, LinkState, LinkStatus } from '../../../src-shared/contract/links';
import { formatClock } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { connectionSelectors, useConnectionStore } from '../../store/connection/connectionStore';
import { useConsoleStore } from '../../store/console/consoleStore';
import { SerialStatusDialog } from '../serial/SerialStatusDialog';
import { CenterStatusDialog } from '../center/CenterStatusDialog';
import { useShallow } from 'zustand/react/shallow';

const severity: Record<LinkState, number> = { disabled: 0, up: 1, connecting: 2, down: 3 };

/** The worst state among a kind's links decides its light; no link of a kind means not configured. */
function worstState(links: readonly LinkStatus[]): LinkState {
  return links.reduce<LinkState>(
    (worst, link) => (severity[link.state] > severity[worst] ? link.state : worst),
    'disabled',
  );
}

// The center and peers only where they exist: a standalone console has neither.
const shownKinds: readonly Exclude<LinkKind, 'host'>[] = ['center', 'broker', 'serial', 'peer', 'map'];

function Indicator(props: { kind: LinkKind; state: LinkState; detail: string; since?: string; onOpen?: () => void }) {
  const { t } = useTranslation();
  const content = (
    <>
      <span className="link-light" aria-hidden="true" />
      <span className="link-name">{t(`links.kind.${props.kind}`)}</span>
      <span className="link-state">{t(`links.state.${props.state}`)}</span>
      {/* A link that is out says since when, in sight: the room must not need a tooltip for that. */}
      {props.since !== undefined && (
        <span className="link-state" data-testid={`link-${props.kind}-since`}>
          {props.since}
        </span>
      )}
    </>
  );
  return (
    <li
      className={`link link-${props.state}`}
      data-testid={`link-${props.kind}`}
      data-state={props.state}
      title={props.detail}
    >
      {props.onOpen ? (
        <button type="button" className="link-open" onClick={props.onOpen}>
          {content}
        </button>
      ) : (
        content
      )}
    </li>
  );
}

/** Host, unit tracking and telephony/radio links, each with its state and since when. */
export function LinkIndicators() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const transportState = useConnectionStore((state) => state.transportState);
  const latencyMs = useConnectionStore((state) => state.latencyMs);
  const links = useConnectionStore(useShallow(connectionSelectors.outsideLinks));
  const timeZone = useConsoleStore((state) => state.info?.timeZone);
  const serialDialog = useRef<HTMLDialogElement>(null);
  const centerDialog = useRef<HTMLDialogElement>(null);
  const [serialOpenedAt, setSerialOpenedAt] = useState(0);

  const hostState: LinkState = transportState === 'open' ? 'up' : 'connecting';
  const describe = (link: LinkStatus): string =>
    [
      link.label,
      t(`links.state.${link.state}`),
      t('links.since', { time: formatClock(link.since, language, timeZone) }),
      link.detail,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <>
      <SerialStatusDialog ref={serialDialog} openedAt={serialOpenedAt} />
      <CenterStatusDialog ref={centerDialog} />
      <ul className="links" aria-label={t('header.links')}>
        <Indicator
          kind="host"
          state={hostState}
          detail={latencyMs === null ? t(`links.state.${hostState}`) : t('header.latency', { ms: latencyMs })}
        />
        {shownKinds.map((kind) => {
          const ofKind = links.filter((link) => link.kind === kind);
          if ((kind === 'peer' || kind === 'center' || kind === 'map') && ofKind.length === 0) return null;
          const state = worstState(ofKind);
          const worst = ofKind.find((link) => link.state === state);
          const out = state === 'down' || state === 'connecting';
          return (
            <Indicator
              key={kind}
              kind={kind}
              state={state}
              {...(out && worst && { since: t('links.since', { time: formatClock(worst.since, language, timeZone) }) })}
              detail={ofKind.length === 0 ? t('links.notConfigured') : ofKind.map(describe).join('\n')}
              {...(kind === 'serial' && {
                onOpen: () => {
                  setSerialOpenedAt(Date.now());
                  serialDialog.current?.showModal();
                },
              })}
              {...(kind === 'center' && { onOpen: () => centerDialog.current?.showModal() })}
            />
          );
        })}
      </ul>
    </>
  );
}
