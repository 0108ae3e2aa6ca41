import type { HandoverSummary, RemoteApi, SignedIn } from '../../../src-shared/contract/api';
import type { CreateFirstAdministratorArgs } from '../../../src-shared/contract/schemas';
import { enterSession } from '../../app/bootstrap';
import { forgetSessionToken, saveSessionToken } from './sessionToken';

/** What the window does with a sign-in: keeps the token for the tab, then loads what the operator sees. */
async function signedIn(remote: RemoteApi, result: SignedIn): Promise<void> {
  saveSessionToken(result.token);
  await enterSession(remote, result.session);
}

export async function signIn(remote: RemoteApi, operatorId: string, password: string): Promise<void> {
  await signedIn(remote, await remote.session.signIn({ operatorId, password }));
}

export async function createFirstAdministrator(remote: RemoteApi, args: CreateFirstAdministratorArgs): Promise<void> {
  await signedIn(remote, await remote.session.createFirstAdministrator(args));
}

export async function lockSession(remote: RemoteApi, reason: 'idle' | 'operator'): Promise<void> {
  await enterSession(remote, await remote.session.lock({ reason }));
}

export async function unlockSession(remote: RemoteApi, password: string): Promise<void> {
  await enterSession(remote, await remote.session.unlock({ password }));
}

export async function signOut(remote: RemoteApi): Promise<void> {
  forgetSessionToken();
  await enterSession(remote, await remote.session.signOut({}));
}

export async function saveHandoverNotes(remote: RemoteApi, notes: string): Promise<void> {
  await enterSession(remote, await remote.session.setHandoverNotes({ notes }));
}

/** The incoming operator's credentials: the summary to acknowledge (nothing changes yet). */
export function beginHandover(remote: RemoteApi, operatorId: string, password: string): Promise<HandoverSummary> {
  return remote.session.beginHandover({ operatorId, password });
}

/** Acknowledged: the position is the incoming operator's. */
export async function acceptHandover(remote: RemoteApi, handoverId: string): Promise<void> {
  await signedIn(remote, await remote.session.acceptHandover({ handoverId }));
}
