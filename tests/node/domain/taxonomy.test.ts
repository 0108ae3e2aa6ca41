import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activeTypes,
  agenciesForType,
  parseTaxonomy,
  typeByCode,
  type IncidentType,
  type Taxonomy,
} from '../../../src-shared/domain/taxonomy';

const TAXONOMY_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'taxonomy', 'taxonomy.json');

/** A fresh, mutable copy of the shipped document for each test. */
function shippedDocument(): Taxonomy {
  return JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')) as Taxonomy;
}

function shipped(): Taxonomy {
  const result = parseTaxonomy(shippedDocument());
  if (!result.ok) throw new Error(`shipped taxonomy is invalid:\n${result.errors.join('\n')}`);
  return result.value;
}

function errorsOf(document: unknown): string[] {
  const result = parseTaxonomy(document);
  return result.ok ? [] : result.errors;
}

function indexOfType(document: Taxonomy, code: string): number {
  const index = document.types.findIndex((type) => type.code === code);
  if (index < 0) throw new Error(`no type ${code}`);
  return index;
}

describe('the shipped taxonomy', () => {
  const taxonomy = shipped();

  it('given the file in resources/, when parsed, then it validates with no errors', () => {
    expect(errorsOf(shippedDocument())).toEqual([]);
  });

  it('then it has every agency the unified 911 center routes to, with the old hotline numbers', () => {
    const codes = taxonomy.agencies.map((agency) => agency.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'police-patrols',
        'civil-defence',
        'ambulance',
        'traffic-police',
        'forensics',
        'community-police',
        'counter-terrorism',
        'electricity-emergency',
        'psychological-support',
      ]),
    );
    expect(taxonomy.agencies.find((agency) => agency.code === 'police-patrols')?.legacyNumber).toBe('104');
    expect(taxonomy.agencies.find((agency) => agency.code === 'civil-defence')?.legacyNumber).toBe('115');
    expect(taxonomy.agencies.find((agency) => agency.code === 'civil-defence')?.name.ar).toContain('الدفاع المدني');
  });

  it('then it has the six categories, each with at least one type', () => {
    expect(taxonomy.categories.map((category) => category.code)).toEqual([
      'security',
      'traffic',
      'fire',
      'medical',
      'psychological',
      'other',
    ]);
    for (const category of taxonomy.categories) {
      expect(taxonomy.types.filter((type) => type.category === category.code).length, category.code).toBeGreaterThan(0);
    }
  });

  it('then it has about 45 types or more, and every type has an agency, a question and an instruction', () => {
    expect(taxonomy.types.length).toBeGreaterThanOrEqual(45);
    for (const type of taxonomy.types) {
      expect(type.agencies.length, type.code).toBeGreaterThanOrEqual(1);
      expect(type.questions.length, type.code).toBeGreaterThanOrEqual(1);
      expect(type.instructions.length, type.code).toBeGreaterThanOrEqual(1);
    }
  });

  it('then a traffic accident with fire is routed to traffic police, ambulance and civil defence at once', () => {
    const agencies = agenciesForType(taxonomy, 'traffic-accident-fire').map((agency) => agency.code);

    expect(agencies).toEqual(expect.arrayContaining(['traffic-police', 'ambulance', 'civil-defence']));
  });

  it('then a building fire recommends 2 fire engines, 1 basic ambulance and 1 patrol', () => {
    expect(typeByCode(taxonomy, 'building-fire')?.responsePlan).toEqual([
      { capability: 'fire-engine', count: 2 },
      { capability: 'ambulance-basic', count: 1 },
      { capability: 'patrol', count: 1 },
    ]);
  });

  it.each([
    ['shooting', 'security'],
    ['kidnapping', 'security'],
    ['domestic-violence', 'security'],
    ['suspicious-object', 'security'],
    ['traffic-accident-injuries', 'traffic'],
    ['hit-and-run', 'traffic'],
    ['gas-leak', 'fire'],
    ['wildfire', 'fire'],
    ['cardiac-arrest', 'medical'],
    ['childbirth', 'medical'],
    ['heat-stroke', 'medical'],
    ['suicide-risk', 'psychological'],
    ['drowning', 'other'],
    ['electricity-hazard', 'other'],
    ['building-collapse', 'other'],
  ])('then type %s exists in category %s', (code, category) => {
    expect(typeByCode(taxonomy, code)?.category).toBe(category);
  });

  it('then a power-outage complaint is the lowest priority and goes to electricity emergency', () => {
    const outage = typeByCode(taxonomy, 'electricity-outage');
    expect(outage?.defaultPriority).toBe(4);
    expect(outage?.agencies).toEqual(['electricity-emergency']);
  });

  it('then the disposition list has the outcomes a dispatcher closes incidents with', () => {
    expect(taxonomy.dispositions.map((disposition) => disposition.code)).toEqual(
      expect.arrayContaining([
        'resolved-on-scene',
        'transported-to-hospital',
        'false-alarm',
        'malicious-call',
        'unfounded',
        'referred-to-another-agency',
        'duplicate',
        'cancelled-by-caller',
        'arrest-made',
        'no-action-needed',
        'gone-on-arrival',
      ]),
    );
  });

  describe('pre-arrival instructions follow published first-aid guidance', () => {
    const english = (code: string) =>
      (typeByCode(taxonomy, code)?.instructions ?? []).map((instruction) => instruction.en).join(' ');

    it('cardiac arrest: hands-only CPR, centre of the chest, 100 to 120 a minute, until the crew takes over', () => {
      const text = english('cardiac-arrest');
      expect(text).toContain('centre of the chest');
      expect(text).toContain('100 to 120');
      expect(text).toMatch(/don't stop/i);
      expect(text).not.toMatch(/rescue breath|mouth-to-mouth/i);
    });

    it('building fire: stay low, close doors, never the lift', () => {
      const text = english('building-fire');
      expect(text).toMatch(/stay low/i);
      expect(text).toMatch(/close doors/i);
      expect(text).toMatch(/never the lift/i);
    });

    it('gas leak: no switches or flames, open windows, leave', () => {
      const text = english('gas-leak');
      expect(text).toMatch(/don't switch/i);
      expect(text).toMatch(/open doors and windows/i);
      expect(text).toMatch(/get everyone out/i);
    });

    it('bleeding: direct pressure; suspicious object: do not touch, move away', () => {
      expect(english('bleeding-trauma')).toMatch(/press firmly on the wound/i);
      expect(english('suspicious-object')).toMatch(/don't touch it/i);
      expect(english('suspicious-object')).toMatch(/100 metres away/i);
    });

    it('suicide risk: stay on the line, listen, remove the means if safe', () => {
      const text = english('suicide-risk');
      expect(text).toMatch(/stay on the line/i);
      expect(text).toMatch(/listening/i);
      expect(text).toMatch(/if it is safe, put away/i);
    });
  });

  describe('texts', () => {
    const allTexts = (document: Taxonomy) => {
      const texts: { path: string; language: string; text: string }[] = [];
      const walk = (value: unknown, path: string): void => {
        if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
        else if (value !== null && typeof value === 'object') {
          for (const [key, item] of Object.entries(value)) {
            if (key === 'ar' || key === 'en' || key === 'ckb') {
              for (const text of [item].flat() as string[]) texts.push({ path: `${path}.${key}`, language: key, text });
            } else walk(item, `${path}.${key}`);
          }
        }
      };
      walk(document, '');
      return texts;
    };

    it('given Sorani texts, then they use Kurdish letters (ی ک ە), never the Arabic ي ك ة ى', () => {
      const wrong = allTexts(taxonomy).filter(
        ({ language, text }) => language === 'ckb' && /[\u064A\u0643\u0629\u0649]/.test(text),
      );
      expect(wrong).toEqual([]);
    });

    it('given Arabic texts, then they contain no Kurdish-only letters', () => {
      const wrong = allTexts(taxonomy).filter(
        ({ language, text }) => language === 'ar' && /[\u06CC\u06A9\u06D5\u06CE\u06C6\u0695\u06B5]/.test(text),
      );
      expect(wrong).toEqual([]);
    });

    it('given the instructions, then each is short enough to read aloud (at most 200 characters)', () => {
      const long = taxonomy.types.flatMap((type) =>
        type.instructions.flatMap((instruction) =>
          Object.values(instruction)
            .filter((text) => text.length > 200)
            .map((text) => `${type.code}: ${text}`),
        ),
      );
      expect(long).toEqual([]);
    });
  });
});

describe('parseTaxonomy given broken input', () => {
  it('given a misspelt agency on a type, then the error names the exact path and the code', () => {
    const document = shippedDocument();
    const index = indexOfType(document, 'traffic-accident-injuries');
    document.types[index]!.agencies[1] = 'ambulanse';

    expect(errorsOf(document)).toEqual([`types[${index}].agencies[1]: unknown agency "ambulanse"`]);
  });

  it('given two agencies with the same code, then the second is reported and the first is named', () => {
    const document = shippedDocument();
    const count = document.agencies.length;
    document.agencies.push({ ...document.agencies[0]! });

    expect(errorsOf(document)).toEqual([`agencies[${count}].code: duplicate code "police-patrols" (also agencies[0])`]);
  });

  it('given a duplicated type code, then it is reported', () => {
    const document = shippedDocument();
    document.types[1] = { ...document.types[1]!, code: document.types[0]!.code };

    expect(errorsOf(document)).toContain(`types[1].code: duplicate code "${document.types[0]!.code}" (also types[0])`);
  });

  it('given a type name without its Sorani text, then the error names types[i].name.ckb', () => {
    const document = shippedDocument();
    const name = document.types[3]!.name as Partial<IncidentType['name']>;
    delete name.ckb;

    expect(errorsOf(document)).toEqual(['types[3].name.ckb: missing Sorani Kurdish (ckb) text']);
  });

  it('given a blank English instruction, then it is reported as empty', () => {
    const document = shippedDocument();
    document.types[5]!.instructions[0]!.en = '   ';

    expect(errorsOf(document)).toEqual(['types[5].instructions[0].en: empty English (en) text']);
  });

  it('given an unknown category and an unknown response-plan capability, then both are reported', () => {
    const document = shippedDocument();
    document.types[2]!.category = 'medicl';
    document.types[2]!.responsePlan = [{ capability: 'fire-engin', count: 1 }];

    expect(errorsOf(document)).toEqual([
      'types[2].category: unknown category "medicl"',
      'types[2].responsePlan[0]: unknown capability "fire-engin"',
    ]);
  });

  it('given a response plan asking for a capability none of the routed agencies fields, then it is reported', () => {
    const document = shippedDocument();
    const index = indexOfType(document, 'theft');
    document.types[index]!.responsePlan.push({ capability: 'fire-engine', count: 1 });

    expect(errorsOf(document)).toEqual([
      `types[${index}].responsePlan[1].capability: capability "fire-engine" comes from civil-defence, none of which this type is routed to`,
    ]);
  });

  it('given a capability fielded by an unknown agency, then it is reported', () => {
    const document = shippedDocument();
    document.capabilities[0]!.agencies = ['police'];

    expect(errorsOf(document)).toContain('capabilities[0].agencies[0]: unknown agency "police"');
  });

  it('given a priority of 5, a bad colour, a capitalised code and an unknown field, then each names its path', () => {
    const document = shippedDocument();
    document.types[0]!.defaultPriority = 5;
    document.agencies[0]!.color = 'blue';
    document.dispositions[0]!.code = 'Resolved';
    (document.types[1] as unknown as Record<string, unknown>).deprecatd = true;

    expect(errorsOf(document)).toEqual(
      expect.arrayContaining([
        'types[0].defaultPriority: defaultPriority must be 1, 2, 3 or 4',
        'agencies[0].color: color must be "#rrggbb"',
        'dispositions[0].code: must be a lower-kebab code such as "civil-defence"',
        'types[1]: Unrecognized key: "deprecatd"',
      ]),
    );
  });

  it('given a type with no agency, then it is rejected', () => {
    const document = shippedDocument();
    document.types[0]!.agencies = [];

    expect(errorsOf(document)).toEqual(['types[0].agencies: at least 1 agency required']);
  });

  it.each([null, 42, 'taxonomy', [], {}])('given %j, then it returns errors instead of throwing', (input) => {
    const result = parseTaxonomy(input);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.length).toBeGreaterThan(0);
  });

  it('given a document that is not an object, then the error is on (root)', () => {
    expect(errorsOf(null)[0]).toMatch(/^\(root\): /);
  });
});

describe('deprecated types', () => {
  it('given a type marked deprecated, then it validates, still resolves by code, and is not offered', () => {
    const document = shippedDocument();
    const index = indexOfType(document, 'theft');
    document.types[index]!.deprecated = true;

    const result = parseTaxonomy(document);
    if (!result.ok) throw new Error(result.errors.join('\n'));

    expect(typeByCode(result.value, 'theft')?.deprecated).toBe(true);
    expect(agenciesForType(result.value, 'theft').map((agency) => agency.code)).toEqual(['police-patrols']);
    expect(activeTypes(result.value).map((type) => type.code)).not.toContain('theft');
    expect(activeTypes(result.value)).toHaveLength(result.value.types.length - 1);
  });
});

describe('helpers', () => {
  const taxonomy = shipped();

  it('given an unknown type code, then typeByCode is undefined and agenciesForType is empty', () => {
    expect(typeByCode(taxonomy, 'no-such-type')).toBeUndefined();
    expect(agenciesForType(taxonomy, 'no-such-type')).toEqual([]);
  });

  it('given a type, then agenciesForType returns full agency records in the type order', () => {
    const agencies = agenciesForType(taxonomy, 'building-fire');

    expect(agencies.map((agency) => agency.code)).toEqual(typeByCode(taxonomy, 'building-fire')?.agencies);
    expect(agencies[0]?.name.ar).toBe('مديرية الدفاع المدني');
  });
});
