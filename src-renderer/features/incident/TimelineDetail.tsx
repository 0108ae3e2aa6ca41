import { Trans, useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../src-shared/contract/api';
import { callEventPayloads } from '../../../src-shared/domain/call';
import { incidentEventPayloads, type IncidentRecord } from '../../../src-shared/domain/incident';
import { currentLanguage } from '../../i18n';
import { localized, taxonomySelectors, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../store/units/unitStore';
import { unitStatusKey } from '../units/unitLabels';
import { statusKey } from './labels';

/** A callsign inside a sentence: isolated, so `دفاع-305` never shows as `305-دفاع`. */
const CALLSIGN = <bdi className="timeline-unit" translate="no" />;

/**
 * What a status line of the timeline is about: which unit moved to which status, which units were
 * dispatched or taken back, which status the incident took. Nothing for the other events.
 */
export function TimelineDetail(props: { entry: TimelineEntry; incident: IncidentRecord }) {
  const { t } = useTranslation();
  const units = useUnitStore((state) => state.units);
  const { entry, incident } = props;
  const callsignOf = (unitId: string): string =>
    incident.units.find((unit) => unit.unitId === unitId)?.callsign ?? units[unitId]?.callsign ?? unitId;

  // Only these lines need their subject; every other event says enough by its label.
  switch (entry.type) {
    case 'incident.unitProgress': {
      const parsed = incidentEventPayloads['incident.unitProgress'].safeParse(entry.payload);
      if (!parsed.success) return null;
      return (
        <span className="timeline-detail" data-testid="timeline-detail">
          <Trans
            i18nKey="timelineDetail.unitProgress"
            values={{ callsign: callsignOf(parsed.data.unitId), status: t(unitStatusKey(parsed.data.status)) }}
            components={[CALLSIGN]}
          />
        </span>
      );
    }
    case 'incident.unitsDispatched': {
      const parsed = incidentEventPayloads['incident.unitsDispatched'].safeParse(entry.payload);
      if (!parsed.success) return null;
      return <CallsignList callsigns={parsed.data.units.map((unit) => unit.callsign)} />;
    }
    case 'incident.dispatchUndone': {
      const parsed = incidentEventPayloads['incident.dispatchUndone'].safeParse(entry.payload);
      if (!parsed.success) return null;
      return <CallsignList callsigns={[callsignOf(parsed.data.unitId)]} />;
    }
    case 'incident.statusChanged': {
      const parsed = incidentEventPayloads['incident.statusChanged'].safeParse(entry.payload);
      if (!parsed.success) return null;
      return (
        <span className="timeline-detail" data-testid="timeline-detail">
          {t('timelineDetail.statusChanged', { status: t(`status.${statusKey(parsed.data.status)}`) })}
        </span>
      );
    }
    case 'incident.created':
    case 'incident.updated':
    case 'incident.noteAdded':
    case 'incident.routed':
    case 'incident.agencyStatusChanged':
    case 'incident.callerLinked':
    case 'incident.closed':
    case 'incident.reopened':
    case 'incident.linked':
    case 'incident.mergedInto':
    case 'incident.absorbed':
    case 'call.received':
    case 'call.updated':
    case 'call.answered':
    case 'call.linked':
    case 'call.released':
    case 'call.moved':
    case 'call.languageSet':
    case 'call.transferred':
      return null;
    case 'call.questionAsked':
    case 'call.instructionRead':
      return <GuidanceDetail entry={entry} />;
  }
}

/** Which key question was asked or instruction read: its text in the UI language. */
function GuidanceDetail(props: { entry: TimelineEntry }) {
  const language = currentLanguage();
  const parsed = callEventPayloads['call.questionAsked']
    .or(callEventPayloads['call.instructionRead'])
    .safeParse(props.entry.payload);
  const type = useTaxonomyStore((state) => taxonomySelectors.type(state, parsed.success ? parsed.data.typeCode : null));
  if (!parsed.success || !type) return null;
  const list = parsed.data.key.startsWith('q') ? type.questions : type.instructions;
  const text = list[Number(parsed.data.key.slice(1)) - 1];
  if (text === undefined) return null;
  return (
    <span className="timeline-detail" data-testid="timeline-detail">
      {localized(text, language, '')}
    </span>
  );
}

function CallsignList(props: { callsigns: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <span className="timeline-detail" data-testid="timeline-detail">
      {props.callsigns.map((callsign, index) => (
        <span key={callsign}>
          {index > 0 && t('detail.listSeparator')}
          <bdi className="timeline-unit" translate="no">
            {callsign}
          </bdi>
        </span>
      ))}
    </span>
  );
}
