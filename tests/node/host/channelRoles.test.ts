import { describe, expect, it } from 'vitest';
import { channelSchemas } from '../../../src-shared/contract/channels';
import { channelRoles, type ChannelAccess } from '../../../src-shared/contract/roles';
import { operatorRoles, type OperatorRole } from '../../../src-shared/domain/operator';

const channelsOf = (table: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string[] =>
  Object.entries(table).flatMap(([domain, methods]) => Object.keys(methods).map((method) => `${domain}.${method}`));

const accessOf = (channel: string): ChannelAccess => {
  const [domain = '', method = ''] = channel.split('.');
  return (channelRoles as unknown as Record<string, Record<string, ChannelAccess>>)[domain]?.[method] ?? 'public';
};

/** Whether an unlocked session with these roles may call the channel. */
const may = (roles: readonly OperatorRole[], channel: string): boolean => {
  const access = accessOf(channel);
  if (typeof access === 'string') return true;
  return roles.some((role) => access.includes(role));
};

describe('the role table of the contract', () => {
  it('given every channel of the contract, then each has exactly one declared access and the table names no other channel', () => {
    // The mapped type already makes a missing one a compile error; this keeps the runtime table honest too.
    expect(channelsOf(channelRoles).sort()).toEqual(channelsOf(channelSchemas).sort());
  });

  it('given the wall role, then it reaches only reads and signing in, never a channel that changes something', () => {
    const writes = channelsOf(channelRoles).filter(
      (channel) => may(['wall'], channel) && typeof accessOf(channel) !== 'string',
    );
    expect(writes).toEqual([]);
  });

  it('given a call-taker, then calls and intake are theirs but dispatching, overrides and the rosters are not', () => {
    for (const channel of ['call.answer', 'call.setLanguage', 'intake.submit', 'incident.create', 'incident.append'])
      expect(may(['call-taker'], channel), channel).toBe(true);
    for (const channel of [
      'dispatch.dispatch',
      'dispatch.undo',
      'unit.setStatus',
      'unit.save',
      'call.transfer',
      'alarm.acknowledgeAll',
      'center.resolveConflict',
      'operator.save',
    ])
      expect(may(['call-taker'], channel), channel).toBe(false);
  });

  it('given each role, then only administrators edit the operators and only shift leads and administrators supervise', () => {
    const editors = operatorRoles.filter((role) => may([role], 'operator.save'));
    expect(editors).toEqual(['administrator']);
    const supervisors = operatorRoles.filter((role) => may([role], 'unit.save'));
    expect(supervisors).toEqual(['shift-lead', 'administrator']);
  });

  it('given a window nobody signed in at, then only signing in, the clock, the console’s identity and the waiting count are open', () => {
    const open = channelsOf(channelRoles).filter((channel) => accessOf(channel) === 'public');
    expect(open.sort()).toEqual(
      [
        'session.createFirstAdministrator',
        'session.current',
        'session.resume',
        'session.signIn',
        'session.waiting',
        'system.info',
        'system.links',
        'system.ping',
        'system.storage',
      ].sort(),
    );
  });
});
