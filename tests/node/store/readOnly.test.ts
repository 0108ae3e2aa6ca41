import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { Store } from '../../../src-main/services/store/store';
import { newIncident, storeOptions, useStores } from '../support/store';

describe('a store opened read-only beside a running console', () => {
  const { openStore, rawConnection } = useStores();

  it('given a console writing, when another process opens the file read-only, then it reads the latest commit and refuses every write', () => {
    const { store, clock, path } = openStore();
    const first = store.createIncident(newIncident({ note: 'أول ملاحظة' }), 'dispatcher');
    const reader = Store.openReadOnly(storeOptions(path, clock));
    try {
      const later = store.createIncident(newIncident(), 'dispatcher');

      expect(reader.status).toMatchObject({ writable: false, problem: 'opened read-only' });
      expect(reader.getIncident(later.id)?.number).toBe(later.number);
      expect(reader.queries.incidentIdByReference(first.number)).toBe(first.id);
      expect(reader.timeline(first.id).map((entry) => entry.type)).toEqual(['incident.created', 'incident.noteAdded']);
      expect(() => reader.createIncident(newIncident(), 'dispatcher')).toThrow(AppError);
      expect(store.verifyAudit().ok).toBe(true);
    } finally {
      reader.close();
    }
  });

  it('given a file of an older schema, when opened read-only, then it is refused with what to do instead of misreading it', () => {
    const { store, clock, path } = openStore();
    store.close();
    rawConnection(path).pragma('user_version = 1');

    expect(() => Store.openReadOnly(storeOptions(path, clock))).toThrow(/schema 1 is older .* start the console once/);
  });
});
