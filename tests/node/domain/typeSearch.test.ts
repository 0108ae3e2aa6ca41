import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTaxonomy, type IncidentType, type Taxonomy } from '../../../src-shared/domain/taxonomy';
import { createTypeSearch } from '../../../src-shared/domain/typeSearch';

const TAXONOMY_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'taxonomy', 'taxonomy.json');

function load(document: unknown): Taxonomy {
  const result = parseTaxonomy(document);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const taxonomy = load(JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')));
const { search } = createTypeSearch(taxonomy);
const codes = (query: string, limit?: number) => search(query, limit).map((hit) => hit.code);
const first = (query: string) => codes(query)[0];

describe('type search over the shipped taxonomy', () => {
  it('given حريق, then the fire types come first and the traffic accident with fire is found too', () => {
    const hits = codes('حريق');

    expect(hits.slice(0, 4).sort()).toEqual(['building-fire', 'electrical-fire', 'vehicle-fire', 'wildfire']);
    expect(hits).toContain('traffic-accident-fire');
  });

  it('given fire in English, then the same fire types are found', () => {
    const hits = codes('fire');

    expect(hits).toEqual(
      expect.arrayContaining(['building-fire', 'vehicle-fire', 'wildfire', 'electrical-fire', 'traffic-accident-fire']),
    );
    expect(taxonomy.types.find((type) => type.code === hits[0])?.category).toBe('fire');
  });

  it('given حادث, then the three traffic accidents come before anything that only has it as a keyword', () => {
    const hits = codes('حادث');

    expect(hits.slice(0, 3).sort()).toEqual([
      'traffic-accident-fire',
      'traffic-accident-injuries',
      'traffic-accident-no-injuries',
    ]);
    expect(hits.indexOf('hit-and-run')).toBeGreaterThan(2);
  });

  it('given نار, then shooting and the fire types are both offered', () => {
    expect(codes('نار')).toEqual(expect.arrayContaining(['shooting', 'building-fire', 'traffic-accident-fire']));
  });

  it.each([
    ['دعمة', 'traffic-accident'],
    ['دعمه', 'traffic-accident'],
    ['طلق ناري', 'shooting'],
    ['حرامي', 'theft'],
    ['عركة', 'assault'],
    ['تسليب', 'robbery'],
    ['ضربة شوب', 'heat-stroke'],
    ['واير', 'electricity-hazard'],
    ['ماكو كهرباء', 'electricity-outage'],
    ['جاهل ضايع', 'missing-child'],
    ['تماس كهربائي', 'electrical-fire'],
    ['ريحة غاز', 'gas-leak'],
  ])('given the colloquial Iraqi %s, then %s comes first', (query, expected) => {
    expect(first(query)).toMatch(new RegExp(`^${expected}`));
  });

  it.each([
    ['انفجار', 'إنفجار'],
    ['اسعاف', 'إسعاف'],
    ['جلطة دماغية', 'جلطه دماغيه'],
    ['حريق', 'حَرِيق'],
    ['طلقة', 'طلقه'],
  ])('given %s and %s (hamza, ta marbuta, diacritics), then the results are the same', (one, other) => {
    expect(codes(one)).not.toEqual([]);
    expect(codes(other)).toEqual(codes(one));
  });

  it('given the Arabic article or a proclitic, then the bare word still matches', () => {
    expect(codes('الحريق')).toContain('building-fire');
    expect(codes('بالحريق')).toContain('building-fire');
  });

  it.each([
    ['ئاگر', 'fire'],
    ['دزی', 'theft'],
    ['ڕووداوی هاتوچۆ', 'traffic-accident'],
    ['خنکان', 'drowning'],
    ['مەترسیی خۆکوشتن', 'suicide-risk'],
  ])('given the Sorani %s, then %s types are found', (query, expected) => {
    expect(first(query)).toMatch(new RegExp(expected));
  });

  it('given Sorani typed on an Arabic keyboard (ك ي ه ر instead of ک ی ە ڕ), then it finds the same', () => {
    expect(codes('كارهبا')).toEqual(codes('کارەبا'));
    expect(codes('رووداوي هاتوجو')).toEqual(codes('ڕووداوی هاتوچۆ'));
  });

  it('given one type named in each language, then each name finds it first whatever the UI language', () => {
    for (const query of ['Building fire', 'حريق مبنى', 'ئاگرکەوتنەوەی باڵەخانە']) {
      expect(first(query), query).toBe('building-fire');
    }
  });

  it('given an exact name that is also a word of other names or keywords, then the exact name is first', () => {
    expect(first('سرقة')).toBe('theft');
    expect(first('Theft')).toBe('theft');
    expect(first('stroke')).toBe('stroke');
    expect(codes('stroke')).toContain('heat-stroke');
  });

  it('given English in any case, then it matches', () => {
    expect(first('THEFT')).toBe('theft');
  });

  it('given a prefix typed so far, then the types it starts are offered', () => {
    expect(codes('حري')).toContain('building-fire');
    expect(codes('kidn')).toEqual(['kidnapping']);
  });

  it('given several words, then every word must match', () => {
    expect(codes('حادث حريق')).toEqual(['traffic-accident-fire']);
  });

  it.each(['', '   ', '؟!', '\u0640\u064B'])('given the empty query %j, then nothing is returned', (query) => {
    expect(search(query)).toEqual([]);
  });

  it('given a limit, then at most that many hits are returned, each once', () => {
    const hits = codes('ح', 3);

    expect(hits).toHaveLength(3);
    expect(new Set(codes('ا', 100)).size).toBe(codes('ا', 100).length);
    expect(codes('حريق', 0)).toEqual([]);
  });

  it('given words no type has, then nothing is returned', () => {
    expect(codes('zzzz')).toEqual([]);
  });
});

describe('type search ranking', () => {
  const base = JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')) as Taxonomy;
  const template = base.types.find((type) => type.code === 'other-incident')!;
  const make = (code: string, name: string, keywords: string[] = [], extra: Partial<IncidentType> = {}) => ({
    ...template,
    code,
    name: { ar: `نوع ${code}`, en: name, ckb: `جۆر ${code}` },
    keywords: { ar: [], en: keywords, ckb: [] },
    ...extra,
  });

  it('given one type per kind of match, then exact name > name prefix > name word > keyword > substring', () => {
    const ranked = load({
      ...base,
      // Listed in reverse so that order alone cannot produce the expected ranking.
      types: [
        make('substring', 'Garden complaint', ['bonfire']),
        make('keyword', 'Smoke alarm', ['fire']),
        make('name-word', 'Garden firework'),
        make('name-prefix', 'Fire in a bin'),
        make('exact', 'Fire'),
        make('unrelated', 'Noise'),
      ],
    });

    expect(
      createTypeSearch(ranked)
        .search('fire')
        .map((hit) => hit.code),
    ).toEqual(['exact', 'name-prefix', 'name-word', 'keyword', 'substring']);
  });

  it('given equally good matches, then the more urgent type comes first', () => {
    const ranked = load({
      ...base,
      types: [make('minor', 'Leak', [], { defaultPriority: 4 }), make('urgent', 'Leak', [], { defaultPriority: 1 })],
    });

    expect(
      createTypeSearch(ranked)
        .search('leak')
        .map((hit) => hit.code),
    ).toEqual(['urgent', 'minor']);
  });

  it('given a deprecated type, then search never offers it', () => {
    const withDeprecated = load({
      ...base,
      types: [make('old-fire', 'Fire', [], { deprecated: true }), make('new-fire', 'Fire')],
    });

    expect(
      createTypeSearch(withDeprecated)
        .search('fire')
        .map((hit) => hit.code),
    ).toEqual(['new-fire']);
  });
});

describe('type search ranks whole words and prefixes first, the urgent before the rest', () => {
  it('given نوبة, then seizure (its name starts with it) and chest pain come before the panic attack', () => {
    const hits = codes('نوبة');

    expect(hits.slice(0, 2)).toEqual(['seizure', 'chest-pain']);
    expect(hits.indexOf('psychological-crisis')).toBeGreaterThan(1);
  });

  it.each([
    ['جلطة', ['stroke', 'chest-pain']],
    ['انجلط', ['stroke']],
    ['clot', ['stroke']],
    ['جەڵتە', ['chest-pain', 'stroke']],
  ])('given the colloquial %s, then %j come first', (query, expected) => {
    expect(codes(query).slice(0, expected.length).sort()).toEqual([...expected].sort());
  });
});
