import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvFixed, csvLines, csvRow, csvText, parseCsv, readCsvTable } from '../../../src-shared/domain/csv';

describe('csvField: RFC 4180 quoting', () => {
  it('given plain text, then it is written as it is', () => {
    expect(csvField('ambulance')).toBe('ambulance');
    expect(csvField('الكرادة')).toBe('الكرادة');
  });

  it('given a comma, a quote, a line break or a semicolon, then the field is quoted and quotes are doubled', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('a;b')).toBe('"a;b"');
  });

  it('given outer spaces, then the field is quoted so that readers keep them', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('given empty values, then the cell is empty', () => {
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('csvField: spreadsheet formulas are neutralised in text cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+9647700000000', "'+9647700000000"],
    ['-2+3+cmd|calc', "'-2+3+cmd|calc"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', '"\'\rCR"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])('given the text %j, then the cell is %j', (text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  it('given text that a guard would produce, then it gets one more guard (so reading back is lossless)', () => {
    expect(csvField("'=x")).toBe("''=x");
    expect(csvField("'plain")).toBe("'plain");
  });

  it('given numbers, then they are number cells, a negative one included; booleans are true/false', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-33.25)).toBe('-33.25');
    expect(csvField(csvFixed(-2, 1))).toBe('-2.0');
    expect(csvField(csvFixed(0.25, 4))).toBe('0.2500');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
  });

  it('given any text, then no cell a spreadsheet reads starts a formula, and csvText gives the text back', () => {
    const risky = fc.tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'", "''", "'="), fc.string());
    fc.assert(
      fc.property(risky, ([start, rest]) => {
        const text = start + rest;
        const [record] = parseCsv(csvRow([text, 'end']));
        const cell = record?.fields[0] ?? '';
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(csvText(cell)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('csvRow and csvLines', () => {
  it('given mixed values, then one record with CRLF line ends', () => {
    expect(csvLines([csvRow(['id', 'lat']), csvRow(['u-1', -33.3]), csvRow(['=x', null])])).toBe(
      "id,lat\r\nu-1,-33.3\r\n'=x,\r\n",
    );
  });
});

describe('csvText', () => {
  it('given a guarded cell, then one guard is dropped; other text is left alone', () => {
    expect(csvText("'=x")).toBe('=x');
    expect(csvText("''-x")).toBe("'-x");
    expect(csvText("'plain")).toBe("'plain");
    expect(csvText('-5')).toBe('-5');
  });
});

describe('readCsvTable: a header-checked table, as the imports read it', () => {
  const columns = ['id', 'name', 'note'] as const;
  const read = (text: string, trimCells = false) =>
    readCsvTable(text, { columns, required: ['id', 'name'], document: 'sheet', trimCells });

  it('given a byte order mark and a header in any case, then cells are read by column, unguarded, in file order', () => {
    const table = read("\uFEFF ID ,Name\r\n1,'=SUM(A1)\r\n2,b,extra\r\n3, c \r\n");
    if (!table.ok) throw new Error(table.problem.message);
    expect(table.headerLine).toBe(1);
    const rows = table.rows.map((row) =>
      'message' in row ? row : { line: row.line, id: row.cell('id'), name: row.cell('name'), note: row.cell('note') },
    );
    expect(rows).toEqual([
      { line: 2, id: '1', name: '=SUM(A1)', note: '' },
      { line: 3, message: '3 fields, the header has 2' },
      { line: 4, id: '3', name: ' c ', note: '' },
    ]);
  });

  it('given trimCells, then spaces around a cell are not part of it', () => {
    const table = read('id,name\n1, b \n', true);
    expect(table.ok && table.rows.map((row) => ('message' in row ? row.message : row.cell('name')))).toEqual(['b']);
  });

  it('given a missing and an unknown column, then the header line is refused naming both and the columns', () => {
    expect(read('id,colour\n1,red\n')).toEqual({
      ok: false,
      problem: { line: 1, message: 'missing column name; unknown column "colour" (columns: id, name, note)' },
    });
  });

  it('given an empty file, then it is refused on line 1 in the words of its kind', () => {
    expect(read('')).toEqual({ ok: false, problem: { line: 1, message: 'empty sheet: a header line is required' } });
  });
});
