import type { RemoteApi } from '../../../src-shared/contract/api';
import { runTask } from '../../store/errors/errorStore';
import { useSessionStore } from '../../store/session/sessionStore';
import { lockSession } from './sessionActions';

/** How often the window looks at the idle time. */
const CHECK_MS = 5_000;
/** The host hears that the operator works at most this often (the idle clock is the window's). */
const TOUCH_MS = 60_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks the session after the configured time without the operator's keys, mouse or touch: only the
 * window sees them. The host keeps the lock (every command refused until the password) and ends a
 * lock kept too long. Returns the teardown.
 */
export function startIdleLock(remote: RemoteApi): () => void {
  let lastInput = Date.now();
  let lastTouch = Date.now();
  let locking = false;
  const onInput = (): void => {
    lastInput = Date.now();
    const session = useSessionStore.getState().session;
    if (session?.state === 'active' && lastInput - lastTouch >= TOUCH_MS) {
      lastTouch = lastInput;
      remote.session.touch({}).catch(() => undefined); // a lost touch only shortens the host's patience
    }
  };
  for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true, capture: true });
  const timer = setInterval(() => {
    const session = useSessionStore.getState().session;
    if (session?.state !== 'active') {
      lastInput = Date.now();
      return;
    }
    if (locking || Date.now() - lastInput < session.idleLockMinutes * 60_000) return;
    locking = true;
    runTask(
      lockSession(remote, 'idle').finally(() => {
        locking = false;
      }),
    );
  }, CHECK_MS);
  return () => {
    for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    clearInterval(timer);
  };
}
