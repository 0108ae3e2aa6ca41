// `npm run build:mapdata [-- --from <shared mapdata dir>] [--out <dir>]`: ships the street-level data
// of Iraq in the product (resources/mapdata/), from the project's shared data folder
// (../shared/mapdata by default): OCHA/CSO governorates, districts and sub-districts, Natural Earth
// rivers and lakes, and Who's On First neighbourhoods and localities (with GeoNames points).
//
// The files are copied as they are, after their SHA-256 is checked against the list below (the one
// the data folder's README gives), so the shipped bytes are exactly the audited ones. The licences and
// the credit line each source requires are written beside them (ATTRIBUTION.md, sources.json) and the
// third-party notices are copied. The output is checked in; a test runs this script into a temporary
// directory and compares every file byte for byte with the committed ones.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The files shipped, with the checksum the data folder's README lists for each. */
export const SHIPPED = {
  'iraq-governorates.geojson': 'dd5e7efd335d99a81b5a4c104ef5521ba662ff98538f841e2cfb407ab9690a07',
  'iraq-governorate-labels.geojson': 'db743e4b58a25cccdacedc8c3ff460d81322e607ce2fea7d6c895360e377cdc5',
  'iraq-districts.geojson': 'e952d467a1c8e73ba10f60f2b923c39d226b221636acacdef31e103b9c8bc308',
  'iraq-district-labels.geojson': '3e3287e3ecaa18e9d9c8423984932f3e8002dfecd2dc47b7e03e0171fa8aeedd',
  'iraq-subdistricts.geojson': '89294191d3e911b233e99b203754e5251d239e51c8f9dbba6102ce65e1bcbfef',
  'iraq-outline.geojson': 'f4ff9f9fe97b895cdcb7df35145fcf826d9007bf8dbe3566f9fba548bd36afeb',
  'iraq-places.geojson': '25b0a245d70ec3f31e0af931cd101bdccd97fd8495979cb7d115b6466bccc92f',
  'iraq-water.geojson': '885f811e6a8fcf05e2d2d226e87d708687d2ad1bcffe5af8eb17b4f60157d30e',
  'iraq-neighbourhoods.geojson': '488ac2fa96a75a2ae2ce1bee14cb604d54342a36e11503471acac41ab2d5200b',
  'iraq-localities.geojson': '50a42f4b8ec39081b7c641785598faf840744bea64f6df146a93edf049df6ae0',
};

/** Each source, its licence and the credit line its README requires (shown in the console's credits). */
export const SOURCES = [
  {
    id: 'ocha-cod-ab',
    files: [
      'iraq-governorates.geojson',
      'iraq-governorate-labels.geojson',
      'iraq-districts.geojson',
      'iraq-district-labels.geojson',
      'iraq-subdistricts.geojson',
      'iraq-outline.geojson',
    ],
    name: 'OCHA Common Operational Dataset, Administrative Boundaries (COD-AB) for Iraq, 2019-06-03',
    licence: 'CC BY 3.0 IGO',
    licenceUrl: 'https://creativecommons.org/licenses/by/3.0/igo/',
    notice: 'Administrative boundaries: © CSO Iraq / OCHA Iraq (COD-AB 2019), via HDX, CC BY 3.0 IGO. Modified.',
  },
  {
    id: 'iraq-geo-data',
    files: ['iraq-governorates.geojson', 'iraq-governorate-labels.geojson'],
    name: 'Sorani governorate names, m7amad-t/iraq_geo_data',
    licence: 'MIT',
    licenceUrl: 'https://opensource.org/license/mit',
    notice: 'Kurdish names: m7amad-t/iraq_geo_data (MIT).',
  },
  {
    id: 'geonames-places',
    files: ['iraq-places.geojson'],
    name: 'GeoNames cities of Iraq (population ≥ 1000) with Natural Earth English names and OCHA Arabic names',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    notice: 'Place data © GeoNames (geonames.org), CC BY 4.0. Modified.',
  },
  {
    id: 'natural-earth-water',
    files: ['iraq-water.geojson'],
    name: 'Natural Earth 4.0 rivers, lake centrelines and lakes (1:10m); Arabic names added for Nida',
    licence: 'Public domain',
    licenceUrl: 'https://www.naturalearthdata.com/about/terms-of-use/',
    notice: 'Made with Natural Earth.',
  },
  {
    id: 'whosonfirst',
    files: ['iraq-neighbourhoods.geojson', 'iraq-localities.geojson'],
    name: "Who's On First (whosonfirst-data-admin-iq, 2024-03-05): neighbourhoods and localities; locality points from GeoNames",
    licence: 'CC0 (Who’s On First) / CC BY 4.0 (GeoNames)',
    licenceUrl: 'https://whosonfirst.org/docs/licenses/',
    notice: "Data from Who's On First (https://whosonfirst.org/docs/licenses/) · GeoNames (CC BY 4.0)",
  },
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function attribution() {
  const rows = SOURCES.map(
    (source) =>
      `| ${source.files.map((file) => `\`${file}\``).join(', ')} | ${source.name} | [${source.licence}](${source.licenceUrl}) |`,
  );
  return `# Street-level data of Iraq: sources and licences

These files are copied unchanged from the project's shared data folder (\`../shared/mapdata\`) by
\`npm run build:mapdata\` (\`scripts/build-mapdata.mjs\`), which checks each file's SHA-256 first; a test
runs the script again and requires the same bytes. \`NOTICES.md\` holds the third-party licence texts
that must travel with the data. How each file was made is told in the data folder's README.

| files | source | licence |
| --- | --- | --- |
${rows.join('\n')}

**Credit lines (shown in the console's map credits):**

${SOURCES.map((source) => `- ${source.notice}`).join('\n')}
`;
}

const formatted = async (text, filepath) =>
  prettier.format(text, { ...(await prettier.resolveConfig(filepath)), filepath });

export async function buildMapdata({ from, out }) {
  mkdirSync(out, { recursive: true });
  for (const [file, expected] of Object.entries(SHIPPED)) {
    const source = join(from, file);
    if (!existsSync(source))
      throw new Error(`${source} is missing: the shared data folder must sit beside the checkout`);
    const bytes = readFileSync(source);
    const actual = sha256(bytes);
    if (actual !== expected)
      throw new Error(
        `${file}: sha256 ${actual} is not the audited ${expected}; review the new data before shipping it`,
      );
    // Written, not copied: the shared folder's files are read-only, the shipped ones must not be.
    writeFileSync(join(out, file), bytes);
  }
  writeFileSync(join(out, 'NOTICES.md'), readFileSync(join(from, 'NOTICES.md')));
  const manifest = {
    files: Object.fromEntries(Object.keys(SHIPPED).map((file) => [file, sha256(readFileSync(join(out, file)))])),
    sources: SOURCES,
  };
  const sourcesPath = join(out, 'sources.json');
  writeFileSync(sourcesPath, await formatted(JSON.stringify(manifest), sourcesPath));
  const attributionPath = join(out, 'ATTRIBUTION.md');
  writeFileSync(attributionPath, await formatted(attribution(), attributionPath));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: join(REPO_ROOT, '..', 'shared', 'mapdata') },
      out: { type: 'string', default: join(REPO_ROOT, 'resources', 'mapdata') },
    },
  });
  await buildMapdata({ from: resolve(values.from), out: resolve(values.out) });
  process.stdout.write(`mapdata written to ${values.out}\n`);
}
