import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import {
  maskIdNumber,
  maskPersonalData,
  PERSONAL_DATA_REDACT_PATHS,
  PERSONAL_DATA_REDACTION,
} from '../../../engine/matters/index.js';

const RESIDENT_ID = '330102199001011234';
const PASSPORT = 'E12345678';

/** A pino logger writing into memory, with the catalogue's redaction. */
function memoryLogger(): { log: pino.Logger; lines: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { log: pino({ redact: PERSONAL_DATA_REDACTION }, stream), lines: () => text };
}

describe('matters: masking 证件号码', () => {
  it('should keep the first 6 and last 4 characters of an 18-digit resident ID', () => {
    expect(maskIdNumber(RESIDENT_ID)).to.equal('330102********1234');
    expect(maskIdNumber('11010519491231002X')).to.equal('110105********002X');
  });

  it('should keep less of a passport or 港澳通行证 number, never more than half of it', () => {
    expect(maskIdNumber(PASSPORT)).to.equal('E1*****78');
    expect(maskIdNumber('C01234567')).to.equal('C0*****67');
    expect(maskIdNumber('H0123456789')).to.equal('H0*******89');
    expect(maskIdNumber('330102900101123')).to.equal('33*********1123');
    expect(maskIdNumber('A1234')).to.equal('A***4');
    expect(maskIdNumber('123')).to.equal('***');
  });

  it('should be idempotent: masking a masked number changes nothing', () => {
    expect(maskIdNumber(maskIdNumber(RESIDENT_ID))).to.equal('330102********1234');
  });

  it('should mask applicant and agent 证件号码 in a copy, leaving the original and other fields alone', () => {
    // given
    const data = { applicant: { name: '张三', idNumber: RESIDENT_ID }, agent: { 证件号码: PASSPORT }, caseId: 'c-1' };

    // when
    const masked = maskPersonalData(data);

    // then
    expect(masked).to.deep.equal({
      applicant: { name: '张三', idNumber: '330102********1234' },
      agent: { 证件号码: 'E1*****78' },
      caseId: 'c-1',
    });
    expect(data.applicant.idNumber).to.equal(RESIDENT_ID);
  });

  it('should mask every person in an array, and at the paths it is given', () => {
    const masked = maskPersonalData(
      { members: [{ idNumber: RESIDENT_ID }, { idNumber: PASSPORT }], holder: { doc: PASSPORT } },
      [...PERSONAL_DATA_REDACT_PATHS, 'holder.doc'],
    );
    expect(masked).to.deep.equal({
      members: [{ idNumber: '330102********1234' }, { idNumber: 'E1*****78' }],
      holder: { doc: 'E1*****78' },
    });
  });

  it('should NOT write a clear 证件号码 in a pino log line, at any depth the paths cover', () => {
    // given
    const { log, lines } = memoryLogger();

    // when
    log.info({ idNumber: RESIDENT_ID }, 'top');
    log.info({ applicant: { name: '张三', idNumber: RESIDENT_ID, 证件号码: RESIDENT_ID } }, 'received');
    log.info(
      { command: { variables: { applicant: { idNumber: RESIDENT_ID, certificateNumber: PASSPORT } } } },
      'command',
    );
    log.info({ case: { members: [{ idNumber: RESIDENT_ID }] } }, 'members');

    // then
    const text = lines();
    expect(text.trim().split('\n')).to.have.length(4);
    expect(text).not.to.include(RESIDENT_ID);
    expect(text).not.to.include(PASSPORT);
    expect(text).to.include('330102********1234');
    expect(text).to.include('张三');
  });
});

describe('matters: masking 证件号码 in recorded events', () => {
  it('should mask the applicant 证件号码 that a breached 告知承诺 records (applicant.commitmentBreached), in audit output and in logs', () => {
    const event = {
      type: 'applicant.commitmentBreached',
      data: { applicantIdNumber: RESIDENT_ID, findings: '现场核查不符' },
    };
    expect(JSON.stringify(maskPersonalData(event))).to.not.contain(RESIDENT_ID);
    const { log, lines } = memoryLogger();
    log.info({ event }, 'recorded');
    expect(lines()).to.not.contain(RESIDENT_ID);
  });
});
