/**
 * 电子监察 by the matter's own rules, through the server: the centre's policy is the shipped
 * default-rules.json (预警 with 1 working day left, 红牌 3 working days after the due date), as
 * server/main.ts builds it; a case counts every clock with the rules of the matter version it was
 * received under, and keeps them when a later version says otherwise.
 *
 * 食品经营许可 received and accepted on Monday 2026-11-02 09:30 (Beijing time): its 受理 step (5
 * working days) is due Mon 11-09 17:30, its 审查 step (4 working days) Fri 11-06 17:30.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { ALERT_LEVELS, type SupervisionRules } from '../../../engine/supervision/index.js';
import { CaseDriver, type CaseBody } from '../../support/case-driver.js';
import { SHIPPED_SUPERVISION } from '../../support/supervision.js';
import { testServer, type TestServer } from '../support.js';

const FOOD_CODE = '330106-SJ-000105013';
const foodFile = () =>
  JSON.parse(readFileSync(new URL('../../../processes/food-licence.matter.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** Version 2's rules: no 预警 at all, and 红牌 one working day after the due date. */
const NO_WARNING_EARLY_RED: SupervisionRules = {
  warning: null,
  yellowAtDue: true,
  red: { after: { amount: 1, unit: '工作日' } },
};

interface Signal {
  caseId: string;
  level: string;
  elementId: string;
  clearedAt: string | null;
}

describe('server: 电子监察 by the matter’s own rules', () => {
  let server: TestServer;
  let driver: CaseDriver;
  beforeEach(async () => {
    server = await testServer({ supervision: SHIPPED_SUPERVISION, testClock: true });
    driver = new CaseDriver(server);
  });
  afterEach(() => server.close());

  /** The levels of the open signals of one clock of a case, in the order 预警, 黄牌, 红牌. */
  const levels = async (caseId: string, elementId: string) => {
    const signals = await driver.get<Signal[]>('supervisor-sun', '/api/supervision/signals');
    return signals
      .filter((s) => s.caseId === caseId && s.elementId === elementId)
      .map((s) => s.level)
      .sort((a, b) => ALERT_LEVELS.indexOf(a as never) - ALERT_LEVELS.indexOf(b as never));
  };
  const accept = async (received: CaseBody) =>
    driver.task(
      await driver.operate('window-li', received.caseId, 'case.accept', {
        taskId: driver.task(received, 'windowAcceptance'),
      }),
      'review',
    );
  const saveVersion = async (supervision: SupervisionRules) =>
    (
      await request(server.app)
        .post('/api/matters')
        .set(driver.authorization('admin'))
        .send({ ...foodFile(), supervision })
        .expect(201)
    ).body as { version: number };
  const matterVersion = async (caseId: string) =>
    (await driver.get<{ matter: { version: number } }>('auditor-wu', `/api/cases/${caseId}`)).matter.version;
  const verified = async (caseId: string) =>
    (await driver.get<{ ok: boolean }>('auditor-wu', `/api/audit/cases/${caseId}/verification`)).ok;

  it('should warn at the matter’s own threshold (2 working days left) where the centre’s (1 day left) would not yet, for the step of 收件 and those after 受理', async () => {
    // The premise: the shipped matter warns earlier than the centre.
    expect((foodFile()['supervision'] as SupervisionRules).warning).to.deep.equal({
      remaining: { amount: 2, unit: '工作日' },
    });
    expect(
      SHIPPED_SUPERVISION.rulesFor({
        processId: 'food-licence',
        matterCode: FOOD_CODE,
        kind: 'step',
        elementId: 'review',
      }).warning,
    ).to.deep.equal({ remaining: { amount: 1, unit: '工作日' } });

    const waiting = await driver.receive();
    const accepted = await driver.receive();
    await accept(accepted);
    // Thursday noon: 审查 has 1½ working days left, so only the matter's rule warns.
    await driver.moveTo('2026-11-05T12:00:00+08:00');
    expect(await levels(accepted.caseId, 'review')).to.deep.equal(['预警']);
    expect(await levels(waiting.caseId, 'windowAcceptance')).to.deep.equal([]);
    // Friday noon: 受理, unanswered since 收件, has 1½ working days left.
    await driver.moveTo('2026-11-06T12:00:00+08:00');
    expect(await levels(waiting.caseId, 'windowAcceptance')).to.deep.equal(['预警']);
    expect(await verified(accepted.caseId)).to.equal(true);
    expect(await verified(waiting.caseId)).to.equal(true);
  });

  it('should not warn, and should raise 红牌 sooner, when the matter’s version says so, though the centre’s rules would warn and wait', async () => {
    expect((await saveVersion(NO_WARNING_EARLY_RED)).version).to.equal(2);
    const received = await driver.receive();
    await accept(received);
    // Tuesday noon after the due date (Fri 11-06): the centre would show 预警 and 黄牌, 红牌 only on Wednesday evening.
    await driver.moveTo('2026-11-10T12:00:00+08:00');
    expect(await levels(received.caseId, 'review')).to.deep.equal(['黄牌', '红牌']);
    expect(await verified(received.caseId)).to.equal(true);
  });

  it('should keep a case on the rules of the version it was received under after a version with other rules is saved', async () => {
    const earlier = await driver.receive();
    expect((await saveVersion(NO_WARNING_EARLY_RED)).version).to.equal(2);
    const later = await driver.receive();
    // Both are accepted after version 2 is saved: the earlier case's clocks are planned now, by version 1's rules.
    await accept(earlier);
    await accept(later);
    expect([await matterVersion(earlier.caseId), await matterVersion(later.caseId)]).to.deep.equal([1, 2]);

    await driver.moveTo('2026-11-05T12:00:00+08:00');
    expect(await levels(earlier.caseId, 'review')).to.deep.equal(['预警']);
    expect(await levels(later.caseId, 'review')).to.deep.equal([]);
    await driver.moveTo('2026-11-10T12:00:00+08:00');
    expect(await levels(earlier.caseId, 'review')).to.deep.equal(['预警', '黄牌']);
    expect(await levels(later.caseId, 'review')).to.deep.equal(['黄牌', '红牌']);
    // 延长审批 of the earlier case's own limit (10 working days, due Mon 11-16) by 2: due Wed 11-18, planned again now,
    // still by version 1's rules: 预警 from Mon 11-16 17:30 (the centre's would wait until Tuesday evening).
    await driver.operate('admin', earlier.caseId, 'clock.extend', { amount: 2, approver: '局长', reason: '情况复杂' });
    await driver.moveTo('2026-11-17T12:00:00+08:00');
    expect(await levels(earlier.caseId, 'food-licence')).to.deep.equal(['预警']);
    expect(await levels(later.caseId, 'food-licence')).to.deep.equal(['黄牌']);
    expect(await verified(earlier.caseId)).to.equal(true);
    expect(await verified(later.caseId)).to.equal(true);
  });
});
