/**
 * 收件 against the matter catalogue: the latest version of the matter (or a given one), the
 * application form checked against its 一表申请 schema with every defect named, then the
 * `case.receive` command - the case keeps the matter version it was received under, and gets its
 * 办件编号 in the transaction that stores it.
 */
import type { Knex } from 'knex';
import type { Applicant, Channel, FileHandedIn } from '../domain/index.js';
import { MatterflowError } from '../errors.js';
import { validateApplication, type FieldError } from '../matters/index.js';
import { getMatter } from '../matters-store/index.js';
import type { DispatchResult, Store } from '../store/index.js';
import { drawCaseNumber } from './case-numbers.js';
import { matterSnapshot } from './snapshot.js';

export class ApplicationInvalidError extends MatterflowError {
  constructor(readonly errors: readonly FieldError[]) {
    super(
      'APPLICATION_INVALID',
      `The application form has ${errors.length} problem(s): ${errors.map((e) => `${e.field} ${e.message.en}`).join('; ')}`,
    );
  }
}

export class MatterNotFoundError extends MatterflowError {
  constructor(readonly matterCode: string) {
    super('MATTER_NOT_FOUND', `Expected matter ${matterCode} to be in the catalogue, but it is not`);
  }
}

export interface Application {
  readonly caseId: string;
  readonly matterCode: string;
  readonly matterVersion?: number;
  readonly applicant: Applicant;
  readonly channel: Channel;
  /** Material id -> handed in. */
  readonly materials: Readonly<Record<string, boolean>>;
  /** The 一表申请 form data. */
  readonly form: Record<string, unknown>;
  readonly actor: string;
  /** Material files handed in, already stored (网上申报): each becomes a `material.filed` event. */
  readonly files?: readonly FileHandedIn[];
}

export async function receiveApplication(store: Store, knex: Knex, application: Application): Promise<DispatchResult> {
  const stored = await getMatter(knex, application.matterCode, application.matterVersion);
  if (!stored) throw new MatterNotFoundError(application.matterCode);
  const errors = validateApplication(stored.matter, application.form);
  if (errors.length > 0) throw new ApplicationInvalidError(errors);
  // The 办件编号 is drawn while the case is received: in its transaction on SQLite, on its own on
  // PostgreSQL, so that no receipt waits for another's transaction (case-numbers.ts).
  const drawOn = (trx: Knex) => (store.database.dialect === 'postgres' ? store.database.knex : trx);
  return store.dispatchBuilt(application.caseId, 'case.receive', async (trx, now) => ({
    type: 'case.receive',
    actor: application.actor,
    data: {
      caseId: application.caseId,
      processId: stored.processId,
      matter: matterSnapshot(stored),
      applicant: application.applicant,
      channel: application.channel,
      materials: { ...application.materials },
      form: application.form,
      number: await drawCaseNumber(drawOn(trx), now),
      ...(application.files ? { files: [...application.files] } : {}),
    },
  }));
}
