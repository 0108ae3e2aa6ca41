import { describe, expect, it } from 'vitest';
import {
  commonPriority,
  eidoSchema,
  nenaTimestamp,
  pidfLo,
  toEido,
  unresolvedReferences,
  type EidoDocument,
} from '../../../src-shared/domain/eido';
import { BASIM, START, TAHRIR, aliRecord, intakeDraft } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const S = 1000;
const { startHost } = useTestHosts();

describe('EIDO mapping (pure)', () => {
  it('given a UTC time, then the NENA timestamp is Baghdad time with its +03:00 offset', () => {
    expect(nenaTimestamp(Date.UTC(2026, 10, 29, 21, 5, 9, 7), 3 * 3_600_000)).toBe('2026-11-30T00:05:09.007+03:00');
    expect(nenaTimestamp(Date.UTC(2026, 0, 1, 0, 0, 0), -5 * 3_600_000)).toBe('2025-12-31T19:00:00.000-05:00');
  });

  it('given a location with an uncertainty, then the PIDF-LO holds a circle of that radius; without one, a point', () => {
    const circle = pidfLo({ lat: 33.3, lon: 44.4, accuracyM: 50, source: 'aml' }, 'pres:x@bgd.911.iq', 'T');
    const point = pidfLo({ lat: 33.3, lon: 44.4, source: 'map' }, 'pres:x<&>', 'T');
    expect(circle).toContain('<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>33.3 44.4</gml:pos>');
    expect(circle).toContain('<gs:radius uom="urn:ogc:def:uom:EPSG::9001">50</gs:radius>');
    expect(circle).toContain('<gp:method>GPS</gp:method>');
    expect(point).toContain('<gml:Point');
    expect(point).toContain('entity="pres:x&lt;&amp;&gt;"');
  });

  it('given Nida priorities 1..4, then EIDO common priorities 10, 7, 4, 1 (10 is the most urgent)', () => {
    expect([1, 2, 3, 4].map((priority) => commonPriority[priority])).toEqual([10, 7, 4, 1]);
  });

  it('given a minimal incident with a unit, then every component has its $id and timestamp and every $ref resolves', () => {
    const document = toEido({
      incident: {
        id: 'I1',
        number: 'BGD-261129-C1-0001',
        status: 'dispatched',
        typeCode: 'shooting',
        priority: 1,
        priorityReason: null,
        agencies: [{ agency: 'police-patrols', status: 'dispatched', since: START }],
        location: null,
        locationName: null,
        address: 'شارع <فلسطين>',
        addressParts: null,
        callerName: null,
        callerNumber: null,
        callIds: [],
        linkedIncidentIds: [],
        mergedInto: null,
        disposition: null,
        receivedAt: null,
        answeredAt: null,
        createdAt: START,
        routedAt: START,
        dispatchedAt: START + S,
        enRouteAt: null,
        onSceneAt: null,
        closedAt: null,
        units: [],
        updatedAt: START + S,
        version: 2,
      },
      timeline: [
        {
          id: 'E1',
          type: 'incident.noteAdded',
          payload: { noteId: 'N1', text: 'a < b & "c"' },
          at: START,
          actor: 'Amal',
          consoleId: 'C1',
        },
      ],
      calls: [],
      resources: [
        {
          unitId: 'P-12',
          callsign: 'شرطة ١٢',
          agency: 'police-patrols',
          kind: 'patrol',
          capabilities: ['patrol'],
          status: 'en-route',
          history: [
            { status: 'dispatched', at: START + S, actor: 'Amal' },
            { status: 'en-route', at: START + 2 * S, actor: 'radio' },
          ],
        },
      ],
      center: { code: 'BGD', name: 'Baghdad 911', consoleCode: 'C1' },
      names: { type: (code) => `type:${code}`, agency: (code) => `agency:${code}`, disposition: (code) => code },
      timeZone: 'Asia/Baghdad',
      exportedAt: START + 3 * S,
    });

    expect(unresolvedReferences(document)).toEqual([]);
    expect(document.notesComponent[0]?.notesActionComments).toBe('a &lt; b &amp; &quot;c&quot;');
    expect(document.locationComponent[0]).toMatchObject({
      locationTypeDescriptionRegistryText: 'CurrentIncident',
      locationDescriptionText: 'شارع <فلسطين>',
    });
    expect(document.emergencyResourceComponent[0]).toMatchObject({
      emergencyResourceName: 'شرطة ١٢',
      emergencyResourceTypeCommonRegistryText: 'Patrol',
      primaryUnitStatusRegistryText: 'Enroute',
      lastUpdateTimestamp: '2026-11-29T12:00:02.000+03:00',
      unitStatusInternal: ['dispatched@2026-11-29T12:00:01.000+03:00', 'en-route@2026-11-29T12:00:02.000+03:00'],
    });
    expect(document.dispatchComponent).toEqual([
      expect.objectContaining({
        agencyReference: { $ref: 'police-patrols.bgd.911.iq' },
        emergencyResourceReference: [{ $ref: 'urn:nida:unit:P-12:bgd.911.iq' }],
      }),
    ]);
    expect(document.incidentComponent).toMatchObject({
      incidentCommonPriorityNumber: 10,
      incidentTypeInternalText: 'type:shooting',
      internalIncidentId: 'BGD-261129-C1-0001',
    });
  });

  it('given a document with a component whose timestamp has no offset, then the schema refuses it', () => {
    const broken = { $id: 'x', lastUpdateTimestamp: '2026-11-29T12:00:00Z' };
    expect(eidoSchema.safeParse(broken).success).toBe(false);
  });
});

describe('EIDO export through the host', () => {
  it('given a closed incident with two callers and notes, when exported by number, then the document maps all of it and the export is audited', async () => {
    const { api, as, clock, ring, host } = startHost();
    const first = ring(aliRecord('0770 123 4567', { location: { ...TAHRIR, source: 'ali', accuracyM: 40 } }));
    clock.set(START + 6 * S);
    await api.call.answer({ callId: first.id });
    clock.set(START + 40 * S);
    const incident = await api.intake.submit({
      draft: intakeDraft({
        callId: first.id,
        callerNumber: '07701234567',
        location: { ...TAHRIR, source: 'ali' },
        address: 'ساحة التحرير',
        typeCode: 'traffic-accident-fire',
        priority: 1,
        narrative: [{ at: START + 30 * S, text: 'سيارتان وحريق' }],
      }),
    });
    const second = ring(aliRecord('07809876543'));
    await as(BASIM).call.answer({ callId: second.id });
    await as(BASIM).call.attach({ callId: second.id, incidentId: incident.id });
    clock.set(START + 900 * S);
    await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.closed', payload: { disposition: 'transported-to-hospital', reason: 'نقل مصابين' } },
    });

    const { filename, document } = await api.eido.exportIncident({ number: incident.number });

    expect(filename).toBe(`${incident.number}.eido.json`);
    const parsed: EidoDocument = eidoSchema.parse(JSON.parse(JSON.stringify(document)));
    expect(unresolvedReferences(parsed)).toEqual([]);
    expect(parsed.$id).toBe(`urn:emergency:uid:incidentid:${incident.id}:bgd.911.iq`);
    expect(parsed.issuingElementIdentification).toBe('bgd.911.iq');
    expect(parsed.callComponent).toHaveLength(2);
    expect(parsed.callComponent[0]).toMatchObject({
      callStartTimestamp: '2026-11-29T12:00:00.000+03:00',
      answerDate: '2026-11-29T12:00:06.000+03:00',
      direction: 'incoming',
      localCallType: 'ali',
    });
    expect(parsed.callbackComponent.map((callback) => callback.callBackInformationUri)).toEqual([
      ['tel:07701234567'],
      ['tel:07809876543'],
    ]);
    expect(parsed.locationComponent.map((location) => location.locationTypeDescriptionRegistryText).sort()).toEqual([
      'Caller',
      'CurrentIncident',
    ]);
    expect(parsed.agencyComponent.map((agency) => agency.$id)).toEqual([
      'bgd.911.iq',
      'traffic-police.bgd.911.iq',
      'ambulance.bgd.911.iq',
      'civil-defence.bgd.911.iq',
    ]);
    expect(parsed.agencyComponent[2]?.agencyType).toEqual(['urn:emergency:service:responder.ems']);
    expect(parsed.incidentComponent.dispositionComponent?.[0]).toMatchObject({
      dispositionCommonRegistryCode: 'transported-to-hospital',
      dispositionDescriptionText: 'نُقل إلى المستشفى',
      lastUpdateTimestamp: '2026-11-29T12:15:00.000+03:00',
    });
    expect(parsed.notesComponent.map((note) => note.notesActionComments)).toEqual([
      'سيارتان وحريق',
      'Closed: نُقل إلى المستشفى (نقل مصابين)',
    ]);
    expect(parsed.agentComponent.map((agent) => agent.$id).sort()).toEqual(['amal@bgd.911.iq', 'basim@bgd.911.iq']);
    const audited = readDatabase(host.store, (db) =>
      db.prepare("SELECT actor, subject FROM audit WHERE action = 'export.eido'").all(),
    );
    expect(audited).toEqual([{ actor: 'amal', subject: `incident:${incident.id}` }]);
  });

  it('given an unknown incident number, then the export is refused with NOT_FOUND; given no id or number, with INVALID_ARGUMENT', async () => {
    const { api } = startHost();
    expect(await refusal(api.eido.exportIncident({ number: 'BGD-000000-C1-9999' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(api.eido.exportIncident({}))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
