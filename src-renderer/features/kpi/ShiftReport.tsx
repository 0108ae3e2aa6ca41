import { useTranslation } from 'react-i18next';
import type { KpiShifts, ShiftReport as ShiftReportData } from '../../../src-shared/domain/kpi';
import { formatClock, formatCount, formatDate } from '../../../src-shared/domain/time';
import { currentLanguage } from '../../i18n';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { MetricTable, StandardCards, useGroupLabel } from './KpiTables';

/**
 * The shift report as it is printed at handover (print CSS shows only this section): the shift's
 * KPIs against the standards, incidents by type and disposition, what stays open, alarms.
 */
export function ShiftReport(props: { data: ShiftReportData; shifts: KpiShifts; timeZone: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const groupLabel = useGroupLabel(props.shifts);
  const { data, timeZone } = props;
  const when = (at: number): string => `${formatDate(at, language, timeZone)} ${formatClock(at, language, timeZone)}`;
  return (
    <section className="shift-report" data-testid="shift-report" aria-label={t('kpi.shiftReport.title')}>
      <h1>
        {t('kpi.shiftReport.title')} · {localized(data.name, language, data.shift.code)}
      </h1>
      <p>{t('kpi.shiftReport.window', { from: when(data.shift.from), to: when(data.shift.to) })}</p>
      <StandardCards group={data.report.total} />
      <MetricTable report={data.report} />
      <h2>{t('kpi.agency')}</h2>
      <table className="kpi-table">
        <thead>
          <tr>
            <th>{t('kpi.agency')}</th>
            <th>{t('kpi.incidents')}</th>
            <th>{t('kpi.calls')}</th>
          </tr>
        </thead>
        <tbody>
          {data.report.groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{groupLabel('agency', group.key)}</th>
              <td>{formatCount(group.incidents, language)}</td>
              <td>{formatCount(group.calls, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="shift-report-lists">
        <div>
          <h2>{t('kpi.shiftReport.byType')}</h2>
          <ul>
            {data.incidentsByType.map((entry) => (
              <li key={entry.key}>
                {localized(taxonomy?.types.find((type) => type.code === entry.key)?.name, language, entry.key)}:{' '}
                {formatCount(entry.count, language)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{t('kpi.shiftReport.byDisposition')}</h2>
          <ul>
            {data.closedByDisposition.map((entry) => (
              <li key={entry.key}>
                {localized(
                  taxonomy?.dispositions.find((disposition) => disposition.code === entry.key)?.name,
                  language,
                  entry.key,
                )}
                : {formatCount(entry.count, language)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{t('kpi.shiftReport.alarms')}</h2>
          <ul>
            {data.alarmsByKind.map((entry) => (
              <li key={entry.key}>
                {t(`alarm.kind.${entry.key as 'radio-emergency'}`)}: {formatCount(entry.count, language)}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <p>
        {t('kpi.shiftReport.openAtEnd')}: {formatCount(data.openAtEnd, language)}
      </p>
      <p className="shift-report-signature">{t('kpi.shiftReport.signature')}</p>
      <p className="option-meta">{t('kpi.shiftReport.generated', { time: when(data.report.generatedAt) })}</p>
    </section>
  );
}
