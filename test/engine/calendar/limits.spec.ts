import { expect } from 'chai';
import { TIME_LIMIT_UNITS } from '../../../engine/model/types.js';
import type { WorkingCalendar } from '../../../engine/runtime/api.js';
import { at, beijing, officialCalendar } from './calendar-support.js';

describe('calendar: time limits in the four units (addLimit)', () => {
  const { calendar } = officialCalendar();
  const runtimeView: WorkingCalendar = calendar;
  const accepted = at('2026-09-29', '10:00');

  it('should count 工作日 as working days to the close of the office day', () => {
    expect(beijing(runtimeView.addLimit(accepted, { amount: 5, unit: '工作日' }))).to.equal('2026-10-12 17:30');
  });

  it('should count 自然日 as calendar days, holidays included, at the same time of day', () => {
    expect(beijing(runtimeView.addLimit(accepted, { amount: 5, unit: '自然日' }))).to.equal('2026-10-04 10:00');
  });

  it('should count 小时(工作日) as office hours', () => {
    expect(beijing(runtimeView.addLimit(accepted, { amount: 14, unit: '小时(工作日)' }))).to.equal('2026-10-08 10:00');
  });

  it('should count 小时(自然日) as clock hours', () => {
    expect(beijing(runtimeView.addLimit(accepted, { amount: 48, unit: '小时(自然日)' }))).to.equal('2026-10-01 10:00');
  });

  it('should count half a working day as half of the next working day’s office hours (0.5 工作日 = 3.5 hours)', () => {
    expect(beijing(calendar.addLimit(at('2026-09-30', '16:00'), { amount: 0.5, unit: '工作日' }))).to.equal(
      '2026-10-08 14:00',
    );
  });

  it('should answer the starting instant for a limit of 0', () => {
    for (const unit of TIME_LIMIT_UNITS)
      expect(calendar.addLimit(accepted, { amount: 0, unit }), unit).to.equal('2026-09-29T02:00:00.000Z');
  });

  it('should mark a due date with official data as not provisional', () => {
    expect(calendar.addLimitDetailed(accepted, { amount: 20, unit: '工作日' })).to.deep.equal({
      dueAt: '2026-11-02T09:30:00.000Z',
      provisional: false,
      yearsMissing: [],
    });
  });

  describe('elapsed, the inverse of due', () => {
    const amounts = [0, 0.25, 0.5, 1, 3, 4.75, 20];
    for (const unit of TIME_LIMIT_UNITS) {
      it(`should give back the amount for ${unit}`, () => {
        for (const from of [accepted, at('2026-02-13', '17:45'), at('2026-10-03', '08:00')]) {
          for (const amount of amounts) {
            const { dueAt } = calendar.due(from, amount, unit);
            expect(calendar.elapsed(from, dueAt, unit), `${amount} ${unit} from ${from}`).to.equal(amount);
          }
        }
      });
    }

    it('should count working days used so far as office time of the days after acceptance', () => {
      // accepted Tuesday; Wednesday 9:00–13:30 worked: 3 of 7 office hours
      expect(calendar.elapsed(accepted, at('2026-09-30', '13:30'), '工作日')).to.equal(3 / 7);
      expect(calendar.elapsed(accepted, at('2026-09-29', '17:00'), '工作日')).to.equal(0);
      expect(calendar.elapsed(accepted, at('2026-10-08', '17:30'), '工作日')).to.equal(2);
    });
  });

  it('should NOT accept a negative or non-finite amount', () => {
    expect(() => calendar.addLimit(accepted, { amount: -1, unit: '自然日' }))
      .to.throw()
      .with.property('code', 'CALENDAR_INPUT_INVALID');
    expect(() => calendar.addLimit(accepted, { amount: Number.NaN, unit: '工作日' }))
      .to.throw()
      .with.property('code', 'CALENDAR_INPUT_INVALID');
  });
});

describe('calendar: how long a clock stood still (between)', () => {
  const { calendar } = officialCalendar();

  it('should count a pause from Tuesday 11:00 to Friday 11:00 as 3 working days, the first day included', () => {
    expect(calendar.between(at('2026-10-13', '11:00'), at('2026-10-16', '11:00'), '工作日')).to.be.closeTo(3, 1e-9);
    expect(calendar.elapsed(at('2026-10-13', '11:00'), at('2026-10-16', '11:00'), '工作日')).to.be.lessThan(3);
  });

  it('should NOT count the National Day holiday inside a pause', () => {
    expect(calendar.between(at('2026-09-30', '09:00'), at('2026-10-08', '09:00'), '工作日')).to.be.closeTo(1, 1e-9);
  });
});
