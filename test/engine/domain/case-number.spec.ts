/** 办件编号: the format (engine/domain/case-number.ts), and 收件 carrying the number into the case. */
import { expect } from 'chai';
import {
  caseNumberDate,
  caseNumberTerm,
  childCaseNumber,
  formatCaseNumber,
  isCaseNumber,
} from '../../../engine/domain/index.js';
import { CommandRejectedError } from '../../../engine/store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { APPLICANT, domainEngine, FOOD_LICENCE } from './support.js';

describe('domain: 办件编号', () => {
  it('should format the Beijing date of 收件 and a 4-digit daily sequence', () => {
    // 2026-12-04T16:30Z is 00:30 on 12-05 in Beijing
    expect(caseNumberDate('2026-12-04T16:30:00.000Z')).to.equal('20261205');
    expect(caseNumberDate('2026-12-05T15:59:59.999Z')).to.equal('20261205');
    expect(formatCaseNumber('20261205', 7)).to.equal('20261205-0007');
    expect(formatCaseNumber('20261205', 12345)).to.equal('20261205-12345');
    expect(childCaseNumber('20261205-0007', 1)).to.equal('20261205-0007-01');
  });

  it('should NOT format a malformed date or sequence', () => {
    expect(() => formatCaseNumber('2026-12-05', 1)).to.throw(RangeError);
    expect(() => formatCaseNumber('20261205', 0)).to.throw(RangeError);
    expect(() => childCaseNumber('20261205-0007', 0)).to.throw(RangeError);
  });

  it('should read a search term as one number, or the numbers of a date', () => {
    expect(isCaseNumber('20261205-0007-01')).to.equal(true);
    expect(isCaseNumber('2026120-0007')).to.equal(false);
    expect(caseNumberTerm(' 20261205-0007 ')).to.deep.equal({ exact: '20261205-0007' });
    expect(caseNumberTerm('20261205-0007-01')).to.deep.equal({ exact: '20261205-0007-01' });
    expect(caseNumberTerm('20261205')).to.deep.equal({ prefix: '20261205-' });
    expect(caseNumberTerm('2026-12-05')).to.deep.equal({ prefix: '20261205-' });
    expect(caseNumberTerm('张三')).to.equal(null);
    expect(caseNumberTerm('c-20261205')).to.equal(null);
  });

  describe('收件 with a number', () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await domainEngine();
    });
    afterEach(() => engine.close());

    const receive = (caseId: string, number: string) =>
      engine.store.dispatch(caseId, {
        type: 'case.receive',
        actor: '窗口-李四',
        data: {
          caseId,
          processId: 'foodLicence',
          matter: FOOD_LICENCE,
          applicant: APPLICANT,
          channel: '窗口',
          materials: { licence: true, idCard: true },
          number,
        },
      });

    it('should keep the number in case.received and the 办件, so replay gives it', async () => {
      const { events, state } = await receive('c1', '20260929-0001');
      expect(events.find((e) => e.type === 'case.received')?.data).to.deep.include({ number: '20260929-0001' });
      expect(state.domain?.number).to.equal('20260929-0001');
      await engine.expectConsistent('c1');
    });

    it('should NOT receive a case with a malformed number', async () => {
      const error = await receive('c1', '2026-09-29/1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(CommandRejectedError);
      expect((error as CommandRejectedError).code).to.equal('INVALID_ARGUMENT');
      expect(await engine.store.getCase('c1')).to.equal(null);
    });
  });
});
