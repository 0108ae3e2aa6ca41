// A window asks the host for its session when its connection opens. A host too busy to answer in
// time (password hashing under load) must not leave the window on its "connecting" screen.
import { describe, expect, it, vi } from 'vitest';
import { useErrorStore } from '../../../../src-renderer/store/errors/errorStore';
import { useIncidentStore } from '../../../../src-renderer/store/incidents/incidentStore';
import { useSessionStore } from '../../../../src-renderer/store/session/sessionStore';
import { activeSession, incident } from '../support/records';
import { useWindow } from '../support/window';

describe('the session on connect', () => {
  const host = useWindow();

  it('given the session check unanswered in time, when the connection opens, then the window asks again and loads what the operator sees', async () => {
    const open = incident({ id: 'I-1' });
    host.dropNextAnswer('session.current');

    await host.connect({ session: { current: activeSession() }, incident: { listOpen: [open] } });

    await vi.waitFor(() => expect(useSessionStore.getState().session?.state).toBe('active'), { timeout: 3_000 });
    await vi.waitFor(() => expect(useIncidentStore.getState().byId['I-1']).toEqual(open), { timeout: 3_000 });
    expect(host.called.filter((channel) => channel === 'session.current')).toHaveLength(2);
    expect(useErrorStore.getState().errors.filter((error) => error.code === 'TRANSPORT')).toEqual([]);
  });

  it('given the connection dropped before the host answered, then the window waits for the next connection instead of asking a closed one', async () => {
    host.dropNextAnswer('session.current');
    const opened = host.connect();
    host.disconnect();
    await opened;
    // Past the window's pause before asking again.
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(useSessionStore.getState().session).toBeNull();
    expect(host.called.filter((channel) => channel === 'session.current')).toHaveLength(1);
  });
});
