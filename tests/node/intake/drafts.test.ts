// Intake drafts kept by the host (intake.saveDraft / drafts / discardDraft): versioned so two
// windows cannot overwrite each other, and on disk so a reload or restart loses no typing.
import { describe, expect, it } from 'vitest';
import { BASIM, START, TAHRIR, intakeDraft } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';

describe('intake drafts', () => {
  const { startHost } = useTestHosts();

  it('given a new draft, when it is saved twice, then each save returns the next version with the host time, and is published', async () => {
    const { api, clock, published } = startHost();
    const draft = intakeDraft({ callerNumber: '07701234567' });

    clock.advance(1_000);
    const first = await api.intake.saveDraft({ draft });
    clock.advance(2_000);
    const second = await api.intake.saveDraft({ draft: { ...first, address: 'الكرادة داخل' } });

    expect(first).toEqual({ ...draft, version: 1, updatedAt: START + 1_000 });
    expect(second).toEqual({ ...draft, address: 'الكرادة داخل', version: 2, updatedAt: START + 3_000 });
    expect(await api.intake.drafts({})).toEqual([second]);
    expect(published('onDraftChanged')).toEqual([
      { draftId: draft.id, draft: first },
      { draftId: draft.id, draft: second },
    ]);
  });

  it('given two windows on one draft, when the second saves from a version the first already moved past, then CONFLICT and the first one’s text stays', async () => {
    const { api, as, published } = startHost();
    const opened = await api.intake.saveDraft({ draft: intakeDraft() });
    const amals = await api.intake.saveDraft({ draft: { ...opened, address: 'شارع فلسطين' } });
    const eventsBefore = published('onDraftChanged').length;

    const error = await refusal(as(BASIM).intake.saveDraft({ draft: { ...opened, address: 'شارع حيفا' } }));

    expect(error.code).toBe('CONFLICT');
    expect(await api.intake.drafts({})).toEqual([amals]);
    expect(published('onDraftChanged')).toHaveLength(eventsBefore);
  });

  it('given saved drafts, when the host is stopped and started again on the same data directory, then the drafts are all there', async () => {
    const first = startHost();
    const one = await first.api.intake.saveDraft({
      draft: intakeDraft({
        typeCode: 'gas-leak',
        location: { ...TAHRIR, source: 'map' },
        narrative: [{ at: START, text: 'رائحة غاز قوية في المطبخ' }],
      }),
    });
    first.clock.advance(1_000);
    const two = await first.as(BASIM).intake.saveDraft({ draft: intakeDraft({ callerName: 'زينب' }) });

    await first.dispose();
    const second = startHost({ dataDir: first.dataDir, start: START + 60_000 });

    expect(await second.api.intake.drafts({})).toEqual([one, two]);
    const three = await second.api.intake.saveDraft({ draft: one });
    expect(three.version).toBe(2);
  });

  it('given a saved draft, when it is discarded, then it is gone and the discard is published; discarding again reports nothing discarded', async () => {
    const { api, published } = startHost();
    const saved = await api.intake.saveDraft({ draft: intakeDraft() });
    const kept = await api.intake.saveDraft({ draft: intakeDraft() });

    expect(await api.intake.discardDraft({ draftId: saved.id })).toEqual({ discarded: true });

    expect(await api.intake.drafts({})).toEqual([kept]);
    expect(published('onDraftChanged').at(-1)).toEqual({ draftId: saved.id, draft: null });
    const eventsBefore = published('onDraftChanged').length;
    expect(await api.intake.discardDraft({ draftId: saved.id })).toEqual({ discarded: false });
    expect(published('onDraftChanged')).toHaveLength(eventsBefore);
  });

  it('given a draft with a field the contract does not know, when it is saved, then INVALID_ARGUMENT and nothing is stored', async () => {
    const { api, unchecked } = startHost();

    const error = await refusal(unchecked('intake.saveDraft', { draft: { ...intakeDraft(), injected: true } }));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(await api.intake.drafts({})).toEqual([]);
  });
});
