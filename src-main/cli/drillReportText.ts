import type {
  CallStrip,
  DrillControlAction,
  DrillReport,
  ObjectiveReport,
  OutcomeCounts,
} from '../../src-shared/domain/drill/drillReport';
import { formatDrillTime } from '../../src-shared/domain/drill/schedule';
import type { MeasureUnit, RuleOutcome, RuleResult } from '../../src-shared/domain/drill/scoring';

/**
 * `nida drill report` as text: Arabic first, English beside it (as `nida drill check` prints the
 * title), ids and numbers as they are so a trainer can find them in the scenario file.
 */

const outcomeText: Readonly<Record<RuleOutcome, string>> = {
  pass: 'ناجح pass',
  partial: 'جزئي partial',
  fail: 'راسب fail',
  'not-applicable': 'لا ينطبق n/a',
  pending: 'معلّق pending',
};

const outcomeMark: Readonly<Record<RuleOutcome, string>> = {
  pass: '✓',
  partial: '◐',
  fail: '✗',
  'not-applicable': '·',
  pending: '…',
};

const controlText: Readonly<Record<DrillControlAction['kind'], string>> = {
  started: 'بدء started',
  speed: 'السرعة speed',
  paused: 'إيقاف مؤقت paused',
  resumed: 'استئناف resumed',
  ended: 'انتهاء ended',
  held: 'تعليق held',
  released: 'إطلاق released',
  skipped: 'تخطٍّ skipped',
  'fired-now': 'إطلاق فوري fired now',
  'not-needed': 'غير مطلوب not needed',
};

/** Seconds to a tenth, a whole number without its `.0`. */
const tenth = (value: number): string => String(Math.round(value * 10) / 10);

function measure(value: number | null, unit: MeasureUnit | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'seconds':
      return `${tenth(value)} s`;
    case 'metres':
      return `${String(Math.round(value))} m`;
    case 'share':
      return `${tenth(value * 100)}%`;
    case null:
      return tenth(value);
  }
}

const time = (seconds: number | null): string => (seconds === null ? '—' : formatDrillTime(Math.round(seconds)));

function countsLine(counts: OutcomeCounts): string {
  return [
    `ناجح ${String(counts.pass)} pass`,
    `جزئي ${String(counts.partial)} partial`,
    `راسب ${String(counts.fail)} fail`,
    `تبعي ${String(counts.consequential)} consequential`,
    `معلّق ${String(counts.pending)} pending`,
  ].join(' · ');
}

function objectiveLines(objectives: readonly ObjectiveReport[]): string[] {
  return objectives.map((objective) => {
    const rules = objective.rules.map((rule) => `${rule.rule} ${outcomeMark[rule.outcome]}`).join(', ');
    return `    ${outcomeMark[objective.outcome]} ${objective.text.ar} — ${objective.text.en} [${objective.standard}]: ${outcomeText[objective.outcome]}${rules === '' ? '' : ` (${rules})`}`;
  });
}

function ruleLine(result: RuleResult): string {
  const threshold = result.threshold === null ? '' : ` / ${measure(result.threshold, result.unit)}`;
  const because =
    result.consequential && result.because !== undefined
      ? ` · تبعي consequential ← ${result.because.rule} ${result.because.injectId}`
      : '';
  const reasons = result.reasons.length === 0 ? '' : ` · ${result.reasons.join(', ')}`;
  const missing = result.missing === undefined ? '' : ` · missing: ${result.missing.join(', ')}`;
  return `    ${result.injectId.padEnd(16)} ${result.rule.padEnd(20)} ${outcomeText[result.outcome].padEnd(16)} ${measure(result.value, result.unit)}${threshold}  [${result.source}]${because}${reasons}${missing}`;
}

function stripLine(strip: CallStrip): string {
  const steps = [
    `رنين ring ${time(strip.ring)}`,
    `رد answer ${time(strip.answer)}`,
    `حادث create ${time(strip.create)}`,
    `إرسال dispatch ${time(strip.dispatch)}`,
    `وصول arrival ${time(strip.arrival)}`,
  ];
  return `  ${strip.injectId.padEnd(16)} ${(strip.seat ?? '—').padEnd(14)} ${steps.join(' · ')}`;
}

function controlLine(action: DrillControlAction): string {
  const detail = 'speed' in action ? ` ×${String(action.speed)}` : 'injectId' in action ? ` ${action.injectId}` : '';
  return `  ${time(action.seconds)}  ${controlText[action.kind]}${detail} (${action.actor})`;
}

/** A list's lines, or a dash where it has none. */
const orNone = (lines: readonly string[]): readonly string[] => (lines.length === 0 ? ['    —'] : lines);

export function drillReportText(report: DrillReport): string[] {
  const { run } = report;
  const state = run.ended
    ? 'انتهى ended'
    : run.started
      ? `جارٍ running, حتى as of ${time(run.asOfSeconds)}`
      : 'لم يبدأ not started';
  const shares = report.answerShares.targets.map((target) => {
    const share = target.share === null ? '—' : `${tenth(target.share * 100)}%`;
    const met = target.met === null ? '' : target.met ? ' ✓' : ' ✗';
    return `≤ ${String(target.withinSeconds)} s: ${share} (الهدف target ${tenth(target.target * 100)}%)${met}`;
  });
  return [
    `تقرير التمرين: ${run.title.ar}`,
    `Drill report: ${run.title.en}`,
    `التشغيل run ${String(run.id)} · ${run.scenarioId} v${String(run.version)} · seed ${String(run.seed)} · ${formatDrillTime(run.durationSeconds)} · ${state}`,
    '',
    `التمرين كاملاً — whole drill: ${countsLine(report.drill.counts)}`,
    '  الأهداف objectives:',
    ...objectiveLines(report.drill.objectives),
    '',
    ...report.seats.flatMap((seat) => [
      `المقعد seat ${seat.seat} (${seat.role})${seat.name === null ? '' : ` ${seat.name}`}: ${countsLine(seat.counts)}`,
      '  الأهداف objectives:',
      ...orNone(objectiveLines(seat.objectives.filter((objective) => objective.outcome !== 'not-applicable'))),
      '  القواعد rules:',
      ...orNone(seat.results.map(ruleLine)),
      '',
    ]),
    'المكالمات call strips (drill time):',
    ...orNone(report.calls.map(stripLine)),
    '',
    `نسب الرد answer shares [${report.answerShares.source}], ${String(report.answerShares.calls)} calls: ${shares.join(' · ')}`,
    '',
    'إجراءات المدرّب controller actions:',
    ...orNone(report.controls.map(controlLine)),
  ];
}
