/**
 * 补正告知 and 补交: the office lists every defect at once (一次性告知, 行政许可法 §32); a later
 * notice may repeat those defects but never add one. After 受理 a correction stops the clock.
 */
import type { Command } from '../../runtime/index.js';
import { refuse, type DomainEventDraft, type DomainHandler } from '../decision.js';
import type { NoticeCorrection, SupplyMaterials } from '../commands.js';
import { transitionProblem } from '../transitions.js';
import type { CaseStatusZh } from '../types.js';
import { fileDrafts } from './material-files.js';

const ACCEPTED: readonly CaseStatusZh[] = ['已受理', '审查中'];

export const noticeCorrection: DomainHandler<NoticeCorrection> = (domain, { data }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 补正告知');
  const problem = transitionProblem('case.noticeCorrection', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const defects = [...new Set(data.defects.map((d) => d.trim()).filter(Boolean))];
  if (defects.length === 0) return refuse('INVALID_ARGUMENT', 'Expected the notice to list at least one defect');
  const first = domain.notices[0];
  if (first) {
    const added = defects.filter((d) => !first.defects.includes(d));
    if (added.length > 0)
      return refuse(
        'ONE_TIME_NOTICE',
        `一次性告知: the first notice of ${first.at} must have listed every defect; ${added.join(', ')} was not in it`,
      );
  }
  const pause = ACCEPTED.includes(domain.status);
  return {
    events: [
      {
        type: 'case.correctionNoticed',
        data: { defects, resumeStatus: domain.status === '补正中' ? (domain.resumeStatus ?? '已收件') : domain.status },
      },
    ],
    then: pause
      ? [{ type: 'clock.pause', actor: 'system', data: { kind: '补正', reason: defects.join('；') } }]
      : [{ type: 'deadline.clear', actor: 'system', data: { name: '受理期限' } }],
  };
};

export const supplyMaterials: DomainHandler<SupplyMaterials> = (domain, { data }, ctx) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received case for 补交材料');
  const problem = transitionProblem('materials.supply', domain.status);
  if (problem) return refuse('ILLEGAL_TRANSITION', problem);
  const unknown = data.materials.filter((id) => !(id in domain.materials));
  if (unknown.length > 0)
    return refuse(
      'INVALID_ARGUMENT',
      `Expected materials of matter ${domain.matter.code}, but ${unknown.join(', ')} is not one`,
    );
  // A file handed in supplies its material (its next version: nothing is overwritten).
  const filed = fileDrafts(domain.matter, domain.files, data.files ?? []);
  if ('rejected' in filed) return filed;
  const supplied = [...new Set([...data.materials, ...(data.files ?? []).map((file) => file.materialId)])];
  const cured = (data.cures ?? []).filter((d) => domain.openDefects.includes(d));
  const events: DomainEventDraft[] = [
    { type: 'materials.supplied', data: { materials: supplied, cured } },
    ...filed.drafts,
  ];
  const then: Command[] = [];
  const stillOpen = domain.openDefects.filter((d) => !cured.includes(d));
  if (domain.status === '补正中' && stillOpen.length === 0) {
    const status = domain.resumeStatus ?? '已收件';
    events.push({ type: 'case.correctionCompleted', data: { status } });
    if (ACCEPTED.includes(status)) then.push({ type: 'clock.resume', actor: 'system', data: {} });
    // Corrected before 受理: the office again has its answer period (行政许可法 §32).
    else if (ctx.calendar)
      then.push({
        type: 'deadline.set',
        actor: 'system',
        data: { name: '受理期限', dueAt: ctx.calendar.due(ctx.now, 5, '工作日').dueAt },
      });
  }
  if (domain.tolerance && domain.tolerance.missing.every((id) => supplied.includes(id))) {
    then.push({ type: 'deadline.clear', actor: 'system', data: { name: TOLERANCE_DEADLINE } });
  }
  return { events, then };
};

/** The case deadline by which 容缺 materials must come. */
export const TOLERANCE_DEADLINE = '容缺补交';
