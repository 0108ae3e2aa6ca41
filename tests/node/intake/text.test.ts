// What a dispatcher or a telephony record types is evidence: markup, bidi marks, emoji, Kurdish,
// diacritics and SQL-looking text are stored and given back exactly, also after a restart.
import { describe, expect, it } from 'vitest';
import { START, TAHRIR, aliRecord, intakeDraft } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

/** Each is a text field's whole content: no leading or trailing spaces (those are trimmed on purpose). */
const TEXTS = {
  markup: '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &lt;b&gt;',
  bidi: '\u200Fشارع الرشيد\u200E No. 12 \u202Eevil\u202C \u2067عربي\u2069 \u061C٤٥',
  emoji: '🚒🔥 👩🏽‍🚒 🇮🇶 ❤️‍🩹',
  arabic: 'مُحَمَّدٌ ـــ أحمد إبراهيم آل مؤيد ة ى ٠١٢٣٤٥٦٧٨٩',
  kurdish: 'هەولێر، گەڕەکی ئازادی — ڕێگای ١٠٠ مەتری',
  mixed: 'O\'Brien\\n "quoted" \'; DROP TABLE incidents; -- \t tab\nnew line \u00A0nbsp e\u0301 ﷽ 中文',
} as const;

const CALLER = '07701234567';

describe('text fields round-trip byte for byte', () => {
  const { startHost } = useTestHosts();

  it('given a telephony record with markup and bidi marks, when it is received, then the call gives back the same text', async () => {
    const { ring, api } = startHost();

    const received = ring(aliRecord(CALLER, { callerName: TEXTS.bidi, address: TEXTS.markup }));

    const [listed] = await api.call.list({});
    expect(listed?.id).toBe(received.id);
    expect(listed?.callerName).toBe(TEXTS.bidi);
    expect(listed?.address).toBe(TEXTS.markup);
  });

  it('given an intake full of markup, marks and emoji, when submitted, then the incident, its notes and its draft hold the same code units, also after a restart', async () => {
    const first = startHost();
    const ringing = first.ring(aliRecord(CALLER, { location: { ...TAHRIR, source: 'ali' } }));
    const draft = await first.api.intake.saveDraft({
      draft: intakeDraft({
        callId: ringing.id,
        callerName: TEXTS.kurdish,
        address: TEXTS.markup,
        typeCode: 'building-fire',
        priority: 2,
        priorityReason: TEXTS.bidi,
        narrative: Object.values(TEXTS).map((text, index) => ({ at: START + index, text })),
      }),
    });
    expect(draft.narrative.map((entry) => entry.text)).toEqual(Object.values(TEXTS));
    expect(await first.api.intake.drafts({})).toEqual([draft]);

    const incident = await first.api.intake.submit({ draft });
    await first.dispose();
    const again = startHost({ dataDir: first.dataDir });
    const { incident: stored, timeline } = await again.api.incident.get({ id: incident.id });

    for (const record of [incident, stored]) {
      expect(record.callerName).toBe(TEXTS.kurdish);
      expect(record.address).toBe(TEXTS.markup);
      expect(record.priorityReason).toBe(TEXTS.bidi);
    }
    const notes = timeline
      .filter((entry) => entry.type === 'incident.noteAdded')
      .map((entry) => (entry.payload as { text: string }).text);
    expect(notes).toEqual(Object.values(TEXTS));
    expect(Buffer.from(notes.join('|'), 'utf8').equals(Buffer.from(Object.values(TEXTS).join('|'), 'utf8'))).toBe(true);
  });

  it('given a merge reason with markup and emoji, when incidents are merged, then the reason is kept exactly on both timelines', async () => {
    const { ring, api } = startHost();
    const a = await api.intake.submit({
      draft: intakeDraft({ callId: ring(aliRecord(CALLER)).id, typeCode: 'flood' }),
    });
    const b = await api.intake.submit({
      draft: intakeDraft({ callId: ring(aliRecord('07809876543')).id, typeCode: 'flood' }),
    });
    const reason = `${TEXTS.markup} ${TEXTS.emoji}`;

    await api.incident.merge({ duplicateId: b.id, intoId: a.id, reason });

    for (const id of [a.id, b.id]) {
      const { timeline } = await api.incident.get({ id });
      const reasons = timeline
        .filter((entry) => entry.type === 'incident.absorbed' || entry.type === 'incident.mergedInto')
        .map((entry) => (entry.payload as { reason: string }).reason);
      expect(reasons).toEqual([reason]);
    }
  });
});
