/** 收件: the application, checked against the matter it is for, starts the case. */
import { refuse, type DomainHandler } from '../decision.js';
import type { ReceiveCase } from '../commands.js';
import { isCaseNumber } from '../case-number.js';
import { CHANNELS } from '../types.js';
import { fileDrafts } from './material-files.js';

/** 行政许可法 §32: answer (受理, 不予受理 or 补正) within 5 days, or the application counts as accepted. */
export const ANSWER_DEADLINE = '受理期限';
const ANSWER_PERIOD = { amount: 5, unit: '工作日' } as const;

export const receive: DomainHandler<ReceiveCase> = (domain, { data }, ctx) => {
  if (domain) return refuse('CASE_EXISTS', `Expected case ${data.caseId} to be new, but it was received already`);
  if (!data.applicant.name?.trim() || !data.applicant.idNumber?.trim() || !data.applicant.idType?.trim()) {
    return refuse('INVALID_ARGUMENT', 'Expected the applicant to have a name, 证件类型 and 证件号码');
  }
  if (!CHANNELS.includes(data.channel))
    return refuse(
      'INVALID_ARGUMENT',
      `Expected the channel to be one of ${CHANNELS.join(' / ')}, but it is '${data.channel}'`,
    );
  if (data.number !== undefined && !isCaseNumber(data.number))
    return refuse(
      'INVALID_ARGUMENT',
      `Expected the 办件编号 to be written YYYYMMDD-NNNN, but it is '${String(data.number)}'`,
    );
  const known = new Set(data.matter.materials.map((m) => m.id));
  const unknown = Object.keys(data.materials).filter((id) => !known.has(id));
  if (unknown.length > 0)
    return refuse(
      'INVALID_ARGUMENT',
      `Expected materials of matter ${data.matter.code}, but ${unknown.join(', ')} is not one`,
    );
  const filed = fileDrafts(data.matter, undefined, data.files ?? []);
  if ('rejected' in filed) return filed;
  const withFile = new Set((data.files ?? []).map((file) => file.materialId));
  const materials = Object.fromEntries(
    data.matter.materials.map((m) => [m.id, data.materials[m.id] === true || withFile.has(m.id)]),
  );
  if (!ctx.calendar)
    return refuse('INVALID_ARGUMENT', 'The working-day calendar is needed for the 5-day answer period of 收件');
  const answerBy = ctx.calendar.due(ctx.now, ANSWER_PERIOD.amount, ANSWER_PERIOD.unit).dueAt;
  return {
    before: [
      {
        type: 'case.start',
        actor: 'system',
        data: { caseId: data.caseId, processId: data.processId, variables: { ...(data.form ?? {}), materials } },
      },
    ],
    events: [
      {
        type: 'case.received',
        data: {
          matter: data.matter,
          applicant: data.applicant,
          channel: data.channel,
          materials,
          ...(data.number === undefined ? {} : { number: data.number }),
        },
      },
      ...filed.drafts,
    ],
    then: [{ type: 'deadline.set', actor: 'system', data: { name: ANSWER_DEADLINE, dueAt: answerBy } }],
  };
};
