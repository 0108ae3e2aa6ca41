// The close dialog's disposition filter over the shipped taxonomy: whole words and prefixes first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispositionSearch } from '../../../src-shared/domain/dispositionSearch';
import { parseTaxonomy } from '../../../src-shared/domain/taxonomy';

const TAXONOMY_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'taxonomy', 'taxonomy.json');
const parsed = parseTaxonomy(JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const taxonomy = parsed.value;
const search = createDispositionSearch(taxonomy.dispositions);
const codes = (query: string) => search(query).map((disposition) => disposition.code);

describe('disposition search', () => {
  it('given نقل, then "transported to hospital" comes first, never "treated without transport"', () => {
    const hits = codes('نقل');

    expect(hits[0]).toBe('transported-to-hospital');
    expect(hits.indexOf('treated-on-scene')).toBeGreaterThan(hits.indexOf('refused-transport'));
  });

  it.each([
    ['transport', 'transported-to-hospital'],
    ['نُقل', 'transported-to-hospital'],
    ['مستشفى', 'transported-to-hospital'],
    ['گواستنەوە', 'transported-to-hospital'],
    ['رفض', 'refused-transport'],
    ['مكرر', 'duplicate'],
    ['prank', 'malicious-call'],
    ['قبض', 'arrest-made'],
    ['الغاء', 'cancelled-by-caller'],
    ['كاذب', 'malicious-call'],
  ])('given %s, then %s comes first', (query, expected) => {
    expect(codes(query)[0]).toBe(expected);
  });

  it('given nothing typed, then every disposition in the taxonomy order', () => {
    expect(codes('  ')).toEqual(taxonomy.dispositions.map((disposition) => disposition.code));
  });

  it('given a word that is nowhere, then nothing', () => {
    expect(codes('زرافة')).toEqual([]);
  });
});
