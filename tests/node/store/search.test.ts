import { describe, expect, it } from 'vitest';
import { ftsQueryOf } from '../../../src-main/services/store/search';
import type { Store } from '../../../src-main/services/store/store';
import type { SearchHit } from '../../../src-shared/contract/api';
import { normalizeForSearch } from '../../../src-shared/domain/arabic';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { newIncident, useStores, type ManualClock, type NewIncidentInput } from '../support/store';

describe('incident search', () => {
  const { openStore } = useStores();

  function searchableStore(): {
    store: Store;
    clock: ManualClock;
    create: (fields: NewIncidentInput) => IncidentRecord;
  } {
    const { store, clock } = openStore();
    const create = (fields: NewIncidentInput): IncidentRecord => {
      clock.advance(60_000);
      return store.createIncident(newIncident(fields), 'dispatcher');
    };
    return { store, clock, create };
  }

  const numbersOf = (hits: readonly SearchHit[]): string[] => [...new Set(hits.map((hit) => hit.number))];

  describe('Arabic, Sorani and Latin text typed differently still matches', () => {
    it.each([
      ['hamza on alef', { callerName: 'أحمد علي' }, 'احمد'],
      ['alef with madda and hamza below', { callerName: 'آمنة إبراهيم' }, 'امنه ابراهيم'],
      ['ta marbuta typed as heh', { address: 'مدرسة الكندي' }, 'مدرسه'],
      ['heh typed as ta marbuta', { address: 'مدرسه الكندي' }, 'مدرسة'],
      ['alef maqsura typed as yeh', { address: 'مستشفى اليرموك' }, 'مستشفي'],
      ['yeh typed as alef maqsura', { address: 'مستشفي اليرموك' }, 'مستشفى'],
      ['tashkeel in the query', { callerName: 'محمد جاسم' }, 'مُحَمَّد'],
      ['tashkeel in the stored text', { callerName: 'مُحَمَّد جاسم' }, 'محمد'],
      ['tatweel', { address: 'شارع فلسطين' }, 'شــارع'],
      ['Arabic-Indic digits', { callerNumber: '07701234567' }, '٠٧٧٠١٢٣'],
      ['Extended (Persian) digits', { callerNumber: '07701234567' }, '۰۷۷۰۱۲۳'],
      ['ASCII digits for Arabic-Indic', { address: 'شارع ١٤ رمضان' }, '14 رمضان'],
      ['keheh and farsi yeh from a Sorani keyboard', { address: 'شارع الكندي' }, 'الکندی'],
      ['Sorani keheh and ae found by the Arabic spelling', { callerName: 'کاوە' }, 'كاوه'],
      ['upper case Latin', { address: 'fire station road' }, 'FIRE'],
      ['lower case Latin', { address: 'AIRPORT ROAD' }, 'airport'],
    ])('given %s, when searched, then the incident is found', (_case, fields, query) => {
      const { store, create } = searchableStore();
      const wanted = create(fields);
      create({ typeCode: 'medical', address: 'ساحة التحرير', callerName: 'Zainab', callerNumber: '07809999999' });

      expect(numbersOf(store.search(query, 10))).toEqual([wanted.number]);
    });
  });

  it('given the beginning of a word, when searched, then it matches as a prefix', () => {
    const { store, create } = searchableStore();
    const hospital = create({ address: 'مستشفى اليرموك التعليمي' });
    create({ address: 'مستودع الأدوية' });

    expect(numbersOf(store.search('مستش', 10))).toEqual([hospital.number]);
    expect(numbersOf(store.search('مست', 10)).sort()).toHaveLength(2);
  });

  it('given several words, when searched, then only incidents with all of them match', () => {
    const { store, create } = searchableStore();
    const both = create({ address: 'شارع فلسطين', callerName: 'أحمد' });
    create({ address: 'شارع الربيعي', callerName: 'أحمد' });
    create({ address: 'شارع فلسطين', callerName: 'علي' });

    expect(numbersOf(store.search('احمد فلسطين', 10))).toEqual([both.number]);
  });

  it('given an incident number, when searched, then that incident is found', () => {
    const { store, create } = searchableStore();
    create({});
    const second = create({});
    create({});

    expect(store.search(second.number, 10)[0]?.number).toBe(second.number);
    expect(numbersOf(store.search('0002', 10))).toEqual([second.number]);
  });

  it('given a narrative note, when its words are searched, then the hit is the note of its incident', () => {
    const { store, clock, create } = searchableStore();
    const incident = create({ address: 'حي المنصور', note: 'المتصل يسمع صوت انفجار قرب المحطة' });
    clock.advance(1_000);
    store.appendIncidentEvent(
      incident.id,
      { type: 'incident.noteAdded', payload: { noteId: 'n2', text: 'Gas smell reported by neighbours' } },
      'dispatcher',
    );

    expect(store.search('انفجار', 10)).toEqual([
      {
        incidentId: incident.id,
        number: incident.number,
        kind: 'note',
        text: 'المتصل يسمع صوت انفجار قرب المحطة',
        at: incident.createdAt,
        status: 'pending',
      },
    ]);
    expect(store.search('gas SMELL', 10)).toMatchObject([{ incidentId: incident.id, kind: 'note' }]);
  });

  it('given one incident where the word is most of the text and a newer one where it is a small part, when searched, then the more relevant comes first', () => {
    const { store, create } = searchableStore();
    const relevant = create({ address: 'مستودع', callerName: 'مستودع' });
    const passing = create({
      address: 'طريق المطار قرب مستودع الوقود خلف السيطرة الثالثة بعد الجسر',
      callerName: 'سائق شاحنة',
    });

    expect(numbersOf(store.search('مستودع', 10))).toEqual([relevant.number, passing.number]);
  });

  it('given equally relevant incidents, when searched, then the most recent comes first', () => {
    const { store, create } = searchableStore();
    const created = [1, 2, 3].map(() => create({ address: 'حريق' }));

    expect(numbersOf(store.search('حريق', 10))).toEqual(created.map((incident) => incident.number).reverse());
  });

  it('given more equally relevant incidents than the limit, when searched, then the most recent ones are returned', () => {
    const { store, create } = searchableStore();
    const created = Array.from({ length: 8 }, () => create({ address: 'حريق' }));

    const hits = store.search('حريق', 3);

    expect(hits.map((hit) => hit.number)).toEqual(
      created
        .slice(-3)
        .reverse()
        .map((incident) => incident.number),
    );
  });

  it.each(['', '   ', '!!!', '---', 'ـــ', 'ًٌٍَُ', '***', '""'])(
    'given nothing searchable (%j), when searched, then there are no hits',
    (query) => {
      const { store, create } = searchableStore();
      create({ address: 'شارع فلسطين' });

      expect(store.search(query, 10)).toEqual([]);
    },
  );

  it.each([
    '"',
    '*',
    'AND',
    'OR',
    'NOT',
    '(',
    ')',
    'NEAR',
    'NEAR(fire station, 2)',
    'fire AND (',
    '"unclosed fire',
    'fire*',
    '^fire',
    '-fire',
    '+fire',
    'content:fire',
    '{content}: fire',
    'fire station"*',
    "'; DROP TABLE incidents; --",
    'a\u0000b',
    'x'.repeat(500),
    Array.from({ length: 40 }, (_, index) => `w${index}`).join(' '),
  ])('given FTS syntax in the query (%j), when searched, then it does not throw', (query) => {
    const { store, create } = searchableStore();
    create({ address: 'fire station road' });

    expect(() => store.search(query, 10)).not.toThrow();
  });

  it('given FTS operators around real words, when searched, then the words still match', () => {
    const { store, create } = searchableStore();
    const station = create({ address: 'fire station road' });

    expect(numbersOf(store.search('(FIRE* "station"', 10))).toEqual([station.number]);
    expect(numbersOf(store.search('NEAR(fire station)', 10))).toEqual([]); // "near" is a word to find, not an operator
  });

  it('given a query, when it is turned into FTS syntax, then every word is a quoted prefix and all are required', () => {
    expect(ftsQueryOf('أحمد  شارع')).toBe('"احمد"* AND "شارع"*');
    expect(ftsQueryOf('"*()')).toBeNull();
    expect(normalizeForSearch('  مُسْتَشْفَى   الكِنْدِيّ ')).toBe('مستشفي الكندي');
  });
});
