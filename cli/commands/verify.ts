import { existsSync } from 'node:fs';
import type { Knex } from 'knex';
import { FileStorage, fileCheck } from '../../engine/materials-store/index.js';
import type { Store } from '../../engine/store/index.js';
import type { CliIo, Subcommand } from '../command.js';
import { EXIT, UsageError } from '../command.js';
import { COMMON_OPTIONS, COMMON_USAGE, databaseConfig, parseCommand } from '../options.js';
import { progressBar } from '../progress.js';
import { withStore } from '../store.js';

const USAGE = `Usage: matterflow verify [options] CASE...
       matterflow verify [options] --all

Audits cases offline (on a copy of the database, which it does not change): recomputes each
case's hash chain from its stored events, replays the events and compares the result with the
stored snapshot and the query tables. Prints one line per failing case:
  CASE: broken at seq N: reason
then a summary (N verified, M failed). --all goes through every case in batches, with a
progress bar on stderr when stderr is a terminal.

Options:
  --all                  verify every case
  --materials DIR        also re-hash every material file a case filed, kept in DIR (a copy of
                         the server's $MATTERFLOW_DATA_DIR/materials): a file changed or missing
                         breaks its case at the event that filed it
  --json                 one JSON object per failing case {caseId, ok, brokenAtSeq, reason},
                         then the summary {verified, failed}
${COMMON_USAGE}

Exit status: 0 every case verified, 1 a case failed, 2 usage error.`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  materials: { type: 'string' },
} as const;

/** Cases read per query with --all: memory stays flat however many cases there are. */
const BATCH = 200;

/** `matterflow verify`: hash chains and replay == projection, for auditors. */
export const verifyCommand: Subcommand = {
  name: 'verify',
  summary: "check cases' hash chains and that replay equals the stored state (auditors)",
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseCommand(args, OPTIONS, USAGE, io);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (values.all && positionals.length > 0) throw new UsageError('give CASE... or --all, not both');
    if (!values.all && positionals.length === 0) throw new UsageError('no CASE given (or --all)');
    const json = values.json ?? false;
    if (values.materials !== undefined && !existsSync(values.materials))
      throw new UsageError(`--materials: no folder ${values.materials}`);
    const materials = values.materials ? fileCheck(await FileStorage.open(values.materials)) : undefined;
    const use = { readOnly: true, ...(materials ? { materialFiles: materials } : {}) };
    const counts = await withStore(databaseConfig(values.database), use, async ({ store }) => {
      const tally = { verified: 0, failed: 0 };
      const check = async (caseId: string) => {
        const failure = await verifyOne(store, caseId);
        if (failure) {
          tally.failed += 1;
          io.out(
            json
              ? JSON.stringify({ caseId, ok: false, ...failure })
              : `${caseId}: broken at seq ${failure.brokenAtSeq ?? '?'}: ${failure.reason}`,
          );
        } else tally.verified += 1;
      };
      if (values.all) {
        const knex = store.database.knex;
        const progress = progressBar(process.stderr, await countCases(knex), 'verifying');
        try {
          for await (const caseId of allCaseIds(knex)) {
            await check(caseId);
            progress.update(tally.verified + tally.failed);
          }
        } finally {
          progress.stop();
        }
      } else {
        for (const caseId of positionals) await check(caseId);
      }
      return tally;
    });
    summarise(io, counts, json);
    return counts.failed > 0 ? EXIT.failed : EXIT.ok;
  },
};

interface Failure {
  readonly brokenAtSeq: number | null;
  readonly reason: string;
}

/** Why a case fails verification, or null when it passes. A log that cannot even be read fails too. */
async function verifyOne(store: Store, caseId: string): Promise<Failure | null> {
  try {
    const result = await store.verify(caseId);
    return result.ok ? null : { brokenAtSeq: result.brokenAtSeq, reason: result.reason };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      brokenAtSeq: await unreadableSeq(store.database.knex, caseId),
      reason: `Expected a readable event log, but ${message}`,
    };
  }
}

/** The first event whose stored data is not JSON (what makes a log unreadable), if any. */
async function unreadableSeq(knex: Knex, caseId: string): Promise<number | null> {
  const rows = (await knex('case_events').where({ case_id: caseId }).orderBy('seq').select('seq', 'data')) as Array<{
    seq: number | string;
    data: unknown;
  }>;
  for (const row of rows) {
    if (typeof row.data !== 'string') continue;
    try {
      JSON.parse(row.data);
    } catch {
      return Number(row.seq);
    }
  }
  return null;
}

async function countCases(knex: Knex): Promise<number> {
  const row = (await knex('cases').count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Every case id in order, read BATCH at a time (keyset pagination: no offset scans). */
async function* allCaseIds(knex: Knex): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const query = knex('cases').select('case_id').orderBy('case_id').limit(BATCH);
    if (after !== null) void query.where('case_id', '>', after);
    const rows = (await query) as Array<{ case_id: string }>;
    for (const row of rows) yield row.case_id;
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) return;
    after = last.case_id;
  }
}

function summarise(io: CliIo, counts: { verified: number; failed: number }, json: boolean): void {
  if (json) io.out(JSON.stringify(counts));
  else io.out(`${counts.verified} verified, ${counts.failed} failed`);
}
