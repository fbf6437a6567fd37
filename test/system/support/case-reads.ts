/**
 * What the system specs read back from the spawned server over HTTP, as its administrator: a
 * case, its history, and a wait until histories stop growing (the clock route fires what came due
 * before it answers, but a timer the server's own poller had claimed meanwhile fires at its next
 * heartbeat). Every read must answer 200; the body is the shape the spec declares (the fields it
 * reads).
 */
import { expect } from 'chai';
import type { ServerProcess } from './server-process.js';

/** GET `urlPath` as the administrator, failing the test unless it answers 200: its body. */
export async function readOk<T>(server: ServerProcess, urlPath: string): Promise<T> {
  const answer = await server.request<T>(urlPath);
  expect(answer.status, answer.text).to.equal(200);
  return answer.body;
}

/** GET /api/cases/{caseId}. */
export function readCase<T>(server: ServerProcess, caseId: string): Promise<T> {
  return readOk<T>(server, `/api/cases/${caseId}`);
}

/** GET /api/audit/cases/{caseId}/events: the case's history, oldest first. */
export function readEvents<T>(server: ServerProcess, caseId: string): Promise<T[]> {
  return readOk<T[]>(server, `/api/audit/cases/${caseId}/events`);
}

/** Wait (up to 20 s) until the cases' histories keep their lengths for `quietReads` reads in a row, `intervalMs` apart. */
export async function historiesSettled(
  server: ServerProcess,
  caseIds: readonly string[],
  { quietReads, intervalMs }: { quietReads: number; intervalMs: number },
): Promise<void> {
  let last = '';
  let quiet = 0;
  await server.eventually(
    async () => {
      const histories = await Promise.all(caseIds.map((caseId) => readEvents(server, caseId)));
      const lengths = histories.map((events) => events.length).join(',');
      quiet = lengths === last ? quiet + 1 : 0;
      last = lengths;
      return quiet >= quietReads ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs, what: 'the case histories to stop growing' },
  );
}
