import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const rendererDir = join(import.meta.dirname, '..', '..', '..', 'src-renderer');

// Physical directions break one of RTL or LTR; the layout uses inline/block properties only.
const physical = [
  /(?:^|[\s;{])(?:margin|padding|border)-(?:left|right|top|bottom)\s*:/,
  /(?:^|[\s;{])(?:left|right|top|bottom)\s*:/,
  /text-align\s*:\s*(?:left|right)/,
  /float\s*:\s*(?:left|right)/,
  /(?:^|[\s;{])(?:width|height|min-width|min-height|max-width|max-height)\s*:/,
];

function cssFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('renderer CSS', () => {
  it('uses logical properties only, so Arabic, Sorani and English share one layout', () => {
    const files = cssFiles(rendererDir);
    expect(files.length).toBeGreaterThan(0);
    const offences: string[] = [];
    for (const file of files) {
      // Media queries may name the viewport width; declarations may not.
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (line.trim().startsWith('@media')) return;
        if (physical.some((pattern) => pattern.test(line))) offences.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offences).toEqual([]);
  });
});
