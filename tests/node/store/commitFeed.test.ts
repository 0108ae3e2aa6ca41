import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import type { CommittedChanges } from '../../../src-main/services/store/store';
import { newIncident, useStores } from '../support/store';

describe('the store announces what each committed transaction changed (the one event path)', () => {
  const { openStore } = useStores();

  const listen = (store: ReturnType<typeof openStore>['store']): CommittedChanges[] => {
    const heard: CommittedChanges[] = [];
    store.onCommit((changes) => heard.push(changes));
    return heard;
  };

  it('given a write, when it commits, then its incident is announced once, after the commit', () => {
    const { store } = openStore();
    let visibleToListener: string | null = null;
    store.onCommit((changes) => {
      const id = changes.incidents[0];
      visibleToListener = id ? (store.getIncident(id)?.number ?? null) : null;
    });
    const heard = listen(store);

    const incident = store.createIncident(newIncident({ note: 'first note' }), 'dispatcher:amal');

    expect(heard).toEqual([
      { incidents: [incident.id], calls: [], units: [], alarms: [], conflicts: [], operators: [], bulk: false },
    ]);
    expect(visibleToListener).toBe(incident.number);
  });

  it('given several writes in one transaction, when it commits, then each record is announced once and nothing before the end', () => {
    const { store } = openStore();
    const heard = listen(store);
    const first = store.createIncident(newIncident(), 'dispatcher:amal');
    heard.length = 0;

    const second = store.atomically('two changes', () => {
      const created = store.createIncident(newIncident(), 'dispatcher:amal');
      store.appendIncidentEvent(first.id, { type: 'incident.updated', payload: { priority: 1 } }, 'x');
      store.appendIncidentEvent(first.id, { type: 'incident.updated', payload: { priority: 2 } }, 'x');
      expect(heard).toEqual([]);
      return created;
    });

    expect(heard).toEqual([
      { incidents: [second.id, first.id], calls: [], units: [], alarms: [], conflicts: [], operators: [], bulk: false },
    ]);
  });

  it('given a transaction that fails, when it rolls back, then nothing is announced, and the next commit announces only its own changes', () => {
    const { store } = openStore();
    const heard = listen(store);

    expect(() =>
      store.atomically('fails', () => {
        store.createIncident(newIncident(), 'dispatcher:amal');
        throw new AppError('CONFLICT', 'refused half way');
      }),
    ).toThrow('refused half way');
    expect(heard).toEqual([]);

    const kept = store.createIncident(newIncident(), 'dispatcher:amal');
    expect(heard).toEqual([
      { incidents: [kept.id], calls: [], units: [], alarms: [], conflicts: [], operators: [], bulk: false },
    ]);
  });

  it('given a listener that throws, when a write commits, then the writer still succeeds and later listeners still hear it', () => {
    const { store } = openStore();
    store.onCommit(() => {
      throw new Error('a broken window');
    });
    const heard = listen(store);

    const incident = store.createIncident(newIncident(), 'dispatcher:amal');

    expect(store.getIncident(incident.id)).not.toBeNull();
    expect(heard).toHaveLength(1);
  });

  it('given an unsubscribed listener, when a write commits, then it hears nothing', () => {
    const { store } = openStore();
    const heard: CommittedChanges[] = [];
    const stop = store.onCommit((changes) => heard.push(changes));
    stop();

    store.createIncident(newIncident(), 'dispatcher:amal');

    expect(heard).toEqual([]);
  });
});
