/**
 * Which operation a case admits in which status. A refused transition names both, e.g.
 * "Expected a case 已收件 or 补正中 for 不予受理, but it is 已办结".
 */
import type { DomainCommandType } from './commands.js';
import type { CaseStatusZh } from './types.js';

const BEFORE_DECISION: readonly CaseStatusZh[] = ['已收件', '补正中', '已受理', '审查中', '特别程序中'];

const ALLOWED: { readonly [K in StatusGatedCommandType]: readonly CaseStatusZh[] } = {
  'case.noticeCorrection': ['已收件', '补正中', '已受理', '审查中'],
  'materials.supply': ['已收件', '补正中', '已受理', '审查中', '特别程序中'],
  'case.accept': ['已收件'],
  'case.acceptWithTolerance': ['已收件'],
  'case.refuse': ['已收件', '补正中'],
  'case.conclude': ['已受理', '审查中', '特别程序中'],
  'case.deliver': ['已办结', '已退件'],
  'case.withdraw': BEFORE_DECISION,
  'case.revoke': ['已办结'],
  'specialProcedure.start': ['已受理', '审查中'],
  'specialProcedure.end': ['特别程序中'],
  'case.decideOnCommitment': ['已受理', '审查中'],
  'commitment.verify': ['已办结'],
};

/** Each domain operation in the words of DOMAIN.md. */
export const OPERATION_LABELS_ZH: { readonly [K in DomainCommandType]: string } = {
  'case.receive': '收件',
  'case.receivePart': '子件收件',
  'package.concludePart': '子件办结',
  'case.noticeCorrection': '补正告知',
  'materials.supply': '补交材料',
  'case.accept': '受理',
  'case.acceptWithTolerance': '容缺受理',
  'case.refuse': '不予受理',
  'case.conclude': '办结',
  'case.deliver': '送达',
  'case.withdraw': '撤回申请',
  'case.revoke': '撤销',
  'specialProcedure.start': '特别程序开始',
  'specialProcedure.end': '特别程序结束',
  'case.decideOnCommitment': '告知承诺决定',
  'commitment.verify': '核查',
};

/** The domain commands a case's status admits or refuses (all but 收件, which creates the case). */
export type StatusGatedCommandType = Exclude<
  DomainCommandType,
  'case.receive' | 'case.receivePart' | 'package.concludePart'
>;

/** Statuses in which the case is decided or ended: nothing but 送达, 撤销 or 核查 follows. */
const DECIDED: readonly CaseStatusZh[] = ['不予受理', '已办结', '已退件', '已撤回', '已终止', '已撤销'];

/** Whether a case in `status` was decided or ended (a part decided later is only recorded). */
export function isDecided(status: CaseStatusZh): boolean {
  return DECIDED.includes(status);
}

/** Whether a case in `status` admits `type` now (what `transitionProblem` would not refuse). */
export function statusAllows(type: StatusGatedCommandType, status: CaseStatusZh): boolean {
  return ALLOWED[type].includes(status);
}

/** null when allowed; otherwise the refusal message. */
export function transitionProblem(type: StatusGatedCommandType, status: CaseStatusZh): string | null {
  const allowed = ALLOWED[type];
  return allowed.includes(status)
    ? null
    : `Expected a case ${allowed.join(' / ')} for ${OPERATION_LABELS_ZH[type]}, but it is ${status}`;
}
