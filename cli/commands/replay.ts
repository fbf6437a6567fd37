import { CaseNotFoundError, type EventRange } from '../../engine/store/index.js';
import type { Subcommand } from '../command.js';
import { CommandFailure, EXIT, UsageError } from '../command.js';
import { caseLines } from '../case-view.js';
import { maskDeep } from '../../engine/matters/index.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';
import { withStore } from '../store.js';

const USAGE = `Usage: matterflow replay [options] CASE

Rebuilds a case's state from its events (all of them, or up to --at) and prints it: status,
办件 status, where it waits, open tasks, clocks with due dates, timers, incidents, variables.
证件号码 are masked (330102********1234), in text and in JSON. The database is not changed.

Options:
  --at SEQ|TIME          stop at event number SEQ (1 is the first event), or at the last event
                         at or before TIME (ISO 8601, e.g. 2026-09-30T10:00:00+08:00)
  --json                 print the (masked) state as JSON
${COMMON_USAGE}

Exit status: 0 printed, 1 no such case (or no event by --at), 2 usage error.`;

const OPTIONS = { ...COMMON_OPTIONS, at: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `matterflow replay CASE [--at SEQ|TIME]`: a case's state at any point of its history. */
export const replayCommand: Subcommand = {
  name: 'replay',
  summary: "print a case's state rebuilt from its events, up to a seq or a time",
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [caseId, ...extra] = positionals;
    if (caseId === undefined) throw new UsageError('no CASE given');
    if (extra.length > 0) throw new UsageError(`one CASE only, but also got "${extra[0]}"`);
    const range = values.at === undefined ? {} : parseAt(values.at);
    return withStore(databaseConfig(values.database), { readOnly: true }, async ({ store }) => {
      const state = await store.replay(caseId, range).catch((error: unknown) => {
        if (!(error instanceof CaseNotFoundError)) throw error;
        throw new CommandFailure(
          values.at === undefined ? `no case ${caseId}` : `case ${caseId} has no event by ${values.at}`,
        );
      });
      const masked = maskDeep(state);
      if (values.json) {
        io.out(JSON.stringify(masked, null, 2));
      } else {
        const events = await store.getEvents(caseId, { upToSeq: state.seq });
        io.out(caseLines(masked, { time: events[events.length - 1]?.time ?? null }).join('\n'));
      }
      return EXIT.ok;
    });
  },
};

/** --at: a positive whole number is a seq, anything else must be an ISO 8601 time. */
function parseAt(text: string): EventRange {
  if (/^\d+$/.test(text)) {
    const seq = Number(text);
    if (!Number.isSafeInteger(seq) || seq < 1) throw new UsageError(`--at ${text}: a seq counts from 1`);
    return { upToSeq: seq };
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) throw new UsageError(`--at ${text}: expected a seq (a number) or an ISO 8601 time`);
  return { atTime: new Date(time).toISOString() };
}
