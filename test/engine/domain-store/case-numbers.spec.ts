/**
 * 办件编号 drawn at 收件 in the transaction that stores the case (engine/domain-store
 * case-numbers.ts): one sequence per Beijing date, unique under concurrent receipts, on the
 * dialect of MATTERFLOW_TEST_DB (SQLite by default, PostgreSQL in CI's store run).
 */
import { expect } from 'chai';
import { drawCaseNumber, receiveApplication } from '../../../engine/domain-store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { ALL_MATERIALS, APPLICANT, foodLicenceEngine, FORM, MATTER_CODE } from './support.js';

describe('domain-store: 办件编号 at 收件', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    // Saturday 2026-12-05 09:30 Beijing time
    engine = await foodLicenceEngine('2026-12-05T01:30:00.000Z');
  });
  afterEach(() => engine.close());

  const receive = (caseId: string) =>
    receiveApplication(engine.store, engine.store.database.knex, {
      caseId,
      matterCode: MATTER_CODE,
      applicant: APPLICANT,
      channel: '窗口',
      materials: ALL_MATERIALS,
      form: FORM,
      actor: '窗口-李四',
    });
  const numberRow = async (caseId: string) =>
    (
      (await engine.store.database.knex('cases').where({ case_id: caseId }).first('number')) as {
        number: string | null;
      }
    ).number;

  it('should number two receipts of one Beijing day -0001 and -0002, in the event, the 办件 and the row', async () => {
    const first = await receive('c1');
    engine.clock.set('2026-12-05T08:00:00.000Z');
    const second = await receive('c2');
    expect(first.state.domain?.number).to.equal('20261205-0001');
    expect(second.state.domain?.number).to.equal('20261205-0002');
    expect(second.events.find((e) => e.type === 'case.received')?.data).to.deep.include({ number: '20261205-0002' });
    expect(await numberRow('c1')).to.equal('20261205-0001');
    expect(await numberRow('c2')).to.equal('20261205-0002');
    // replay gives the number, and the hash chain covers it
    await engine.expectConsistent('c2');
    expect((await engine.store.replay('c2')).domain?.number).to.equal('20261205-0002');
  });

  it('should restart the sequence on another Beijing day, which begins at 16:00 UTC', async () => {
    await receive('c1');
    engine.clock.set('2026-12-05T15:59:59.000Z');
    expect((await receive('c2')).state.domain?.number).to.equal('20261205-0002');
    engine.clock.set('2026-12-05T16:00:00.000Z');
    expect((await receive('c3')).state.domain?.number).to.equal('20261206-0001');
  });

  it('should give 20 receipts at once 20 distinct numbers of the day, 0001 to 0020', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => receive(`p${i + 1}`)));
    const numbers = results.map((r) => r.state.domain?.number).sort();
    expect(numbers).to.deep.equal(Array.from({ length: 20 }, (_, i) => `20261205-${String(i + 1).padStart(4, '0')}`));
    const listed = await engine.store.listCases({ number: { prefix: '20261205-' } });
    expect(listed.map((c) => c.number).sort()).to.deep.equal(numbers);
  });

  it('should never give a refused receipt’s number to another case (SQLite: the draw rolls back; PostgreSQL: a gap)', async () => {
    await receive('c1');
    const refused = await receive('c1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused, 'a second 收件 of c1 is refused').to.be.instanceOf(Error);
    // PostgreSQL draws on its own so that no receipt waits for another's transaction.
    const next = engine.store.database.dialect === 'postgres' ? '20261205-0003' : '20261205-0002';
    expect((await receive('c2')).state.domain?.number).to.equal(next);
  });

  it('should NOT store a second case under a number already taken (unique index)', async () => {
    await receive('c1');
    const knex = engine.store.database.knex;
    const taken = await knex('cases')
      .insert({ ...(await knex('cases').where({ case_id: 'c1' }).first()), case_id: 'copy' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(taken).to.be.instanceOf(Error);
  });

  it('should find cases by exact number and by date through listCases', async () => {
    await receive('c1');
    engine.clock.set('2026-12-06T02:00:00.000Z');
    await receive('c2');
    await receive('c3');
    const ids = async (term: { exact: string } | { prefix: string }) =>
      (await engine.store.listCases({ number: term })).map((c) => c.caseId);
    expect(await ids({ exact: '20261206-0002' })).to.deep.equal(['c3']);
    expect(await ids({ prefix: '20261206-' })).to.deep.equal(['c2', 'c3']);
    expect(await ids({ prefix: '20261205-' })).to.deep.equal(['c1']);
    expect(await ids({ exact: '20261206-0009' })).to.deep.equal([]);
  });

  it('should draw in the transaction it is given: a rolled-back draw is not kept', async () => {
    const knex = engine.store.database.knex;
    const at = new Date('2026-12-07T02:00:00.000Z');
    await knex
      .transaction(async (trx) => {
        expect(await drawCaseNumber(trx, at)).to.equal('20261207-0001');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await knex.transaction((trx) => drawCaseNumber(trx, at))).to.equal('20261207-0001');
    expect(await knex.transaction((trx) => drawCaseNumber(trx, at))).to.equal('20261207-0002');
  });
});
