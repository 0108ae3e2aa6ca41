// `npm run bench [-- name ...]`: runs the benchmarks in bench/*.bench.ts, prints a table and
// writes bench/results.json. Each figure carries the baseline measured in the same run.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ratioOf, type BenchFigure, type Benchmark } from './harness';

const benchDir = import.meta.dirname;

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const loaded: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { default: Benchmark };
    loaded.push(module.default);
  }
  return loaded;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

function printTable(benchmark: string, figures: readonly BenchFigure[]): void {
  const rows = figures.map((figure) => {
    const ratio = ratioOf(figure);
    return [
      figure.name,
      `${formatNumber(figure.value)} ${figure.unit}`,
      figure.baseline ? `${formatNumber(figure.baseline.value)} ${figure.unit} (${figure.baseline.name})` : '',
      ratio === null ? '' : `${ratio.toFixed(2)}×`,
      figure.target ?? '',
    ];
  });
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  process.stdout.write(`\n== ${benchmark}\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const benchmarks = (await loadBenchmarks()).filter((bench) => wanted.length === 0 || wanted.includes(bench.name));
  if (benchmarks.length === 0) {
    process.stderr.write(`no benchmark named ${wanted.join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  const results: Record<string, { description: string; figures: (BenchFigure & { ratio: number | null })[] }> = {};
  for (const benchmark of benchmarks) {
    process.stdout.write(`running ${benchmark.name}: ${benchmark.description}\n`);
    const figures = await benchmark.run();
    printTable(benchmark.name, figures);
    results[benchmark.name] = {
      description: benchmark.description,
      figures: figures.map((f) => ({ ...f, ratio: ratioOf(f) })),
    };
  }
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: totalmem() / 2 ** 30,
  };
  writeFileSync(
    join(benchDir, 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  process.stdout.write(`\nwrote bench/results.json\n`);
}

await main();
