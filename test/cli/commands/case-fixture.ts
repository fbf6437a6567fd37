/**
 * A SQLite file holding one 食品经营许可 case, set up in the test process through the store, for
 * the CLI to read: 收件 on Tue 2026-09-29 10:00 (Beijing), 受理 the next day. The applicant's
 * 证件号码 (APPLICANT.idNumber) is in the 办件 and, nested, in the form's variables.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { LiveCalendar } from '../../../engine/calendar-store/index.js';
import { SettableClock } from '../../../engine/clock.js';
import { migrateLatest, openDatabase, openStore } from '../../../engine/store/index.js';
import { APPLICANT, FOOD_LICENCE } from '../../engine/domain/support.js';

export interface CaseFixture {
  readonly caseId: string;
  /** The seq of the last event of 收件 (before 受理). */
  readonly receivedSeq: number;
  /** An instant after 收件 and before 受理. */
  readonly between: string;
  /** The seq of the last event. */
  readonly lastSeq: number;
}

/** Create `file` with the case `caseId` received and accepted. */
export async function caseDatabase(file: string, caseId = 'case-1'): Promise<CaseFixture> {
  const database = await openDatabase({ client: 'sqlite', filename: file });
  try {
    await migrateLatest(database);
    const calendar = await LiveCalendar.open(database.knex, { warn: () => undefined });
    const clock = new SettableClock('2026-09-29T02:00:00.000Z');
    const store = await openStore({ database, clock, calendar });
    await store.deploy(
      readFileSync(fileURLToPath(new URL('../../engine/domain/food-licence.bpmn', import.meta.url)), 'utf8'),
      { actor: 'admin' },
    );
    const received = await store.dispatch(caseId, {
      type: 'case.receive',
      actor: '窗口-李四',
      data: {
        caseId,
        processId: 'foodLicence',
        matter: FOOD_LICENCE,
        applicant: APPLICANT,
        channel: '窗口',
        materials: { licence: true, idCard: true, safetyRules: true, floorPlan: true },
        form: { 企业名称: '杭州某某餐饮有限公司', 法定代表人: { 姓名: APPLICANT.name, 证件号码: APPLICANT.idNumber } },
      },
    });
    clock.set('2026-09-30T02:00:00.000Z');
    const task = (await store.listTasks({ caseId })).find((t) => t.elementId === 'windowAcceptance');
    const accepted = await store.dispatch(caseId, {
      type: 'case.accept',
      actor: '窗口-王五',
      data: { documentNo: '受理〔2026〕001', ...(task ? { taskId: task.taskId } : {}) },
    });
    await store.close();
    return {
      caseId,
      receivedSeq: received.state.seq,
      between: '2026-09-29T12:00:00.000Z',
      lastSeq: accepted.state.seq,
    };
  } finally {
    await database.close();
  }
}
