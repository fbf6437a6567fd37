/**
 * 一件事 (高效办成一件事): a package case runs each of its matters as a child case (call activity),
 * and every child is a 办件 of its own, a part (子件) of the package: received and accepted at
 * the package's one window (一窗受理), with its own number, clock, decision and result. The
 * package declares what a refused part means (MatterSnapshot.package): the whole package refused
 * (整体不予许可: the other parts are stopped, each told why), or the others go on and the package
 * is concluded with the refusal stated (部分办结) — a core part's refusal refuses the whole under
 * either rule. 好差评 stays on the package: a part is never rated.
 */
import type { Command } from '../../runtime/index.js';
import type { ConcludePart, ReceivePart } from '../commands.js';
import { refuse, type DomainHandler, type DomainOutcome } from '../decision.js';
import type { DomainState, MatterSnapshot, PackagePart, PackageRule } from '../types.js';
import { childCaseNumber } from '../case-number.js';
import { isDecided } from '../transitions.js';

/** What a package does when one of its parts is refused, unless its matter says otherwise. */
export const DEFAULT_PACKAGE_RULE: PackageRule = { onPartRefused: '整体不予许可', coreParts: [] };

/**
 * The part a call activity of a package starts: its number (the package's and the part's index),
 * its name, and the matter snapshot it is received under — the called process's matter code and
 * promised limit where the package's definition has it, else the call activity's own step limit;
 * no materials of its own (一套材料: they are the package's); the package's 电子监察 rules.
 */
export function partOf(
  pkg: DomainState,
  call: {
    readonly childCaseId: string;
    readonly elementId: string;
    readonly name: string;
    readonly department: string | null;
    readonly code: string | null;
    readonly limit: MatterSnapshot['promisedLimit'];
  },
): PackagePart {
  const index = (pkg.parts?.length ?? 0) + 1;
  return {
    caseId: call.childCaseId,
    elementId: call.elementId,
    name: call.name,
    department: call.department,
    number: pkg.number === undefined ? null : childCaseNumber(pkg.number, index),
    matter: {
      code: call.code ?? `${pkg.matter.code}/${call.elementId}`,
      version: pkg.matter.version,
      name: call.name,
      caseType: pkg.matter.caseType === 1 ? 1 : 2,
      promisedLimit: call.limit,
      materials: [],
      tolerance: { allowed: false, supplementDeadline: null },
      informedCommitment: { allowed: false, verificationPeriod: null },
      specialProcedures: [...(pkg.matter.specialProcedures ?? [])],
      supervision: pkg.matter.supervision ?? null,
    },
    result: null,
  };
}

/** 子件收件: the part's case starts as the package's part, accepted at the package's window. */
export const receivePart: DomainHandler<ReceivePart> = (domain, { data }) => {
  if (domain) return refuse('CASE_EXISTS', `Expected part ${data.caseId} to be new, but it was received already`);
  const clock: Command[] =
    data.matter.caseType !== 1 && data.matter.promisedLimit
      ? [
          {
            type: 'clock.start',
            actor: data.officer,
            data: { limit: data.matter.promisedLimit, officer: data.officer, department: data.department },
          },
        ]
      : [];
  return {
    before: [
      {
        type: 'case.start',
        actor: 'system',
        data: { caseId: data.caseId, processId: data.processId, variables: data.variables, parent: data.parent },
      },
    ],
    events: [
      {
        type: 'case.received',
        data: {
          matter: data.matter,
          applicant: data.applicant,
          channel: data.channel,
          materials: {},
          ...(data.number === null ? {} : { number: data.number }),
          package: data.package,
        },
      },
      { type: 'case.accepted', data: { officer: data.officer, documentNo: null, auto: false } },
    ],
    then: clock,
  };
};

/**
 * A part was decided: the package records it, and a refusal refuses the whole package where its
 * rule says so (the package's clock ends, its flow is cancelled, which stops the other parts with
 * the reason). A part decided after the package was decided is only recorded.
 */
export const concludePart: DomainHandler<ConcludePart> = (domain, { data }) => {
  if (!domain) return refuse('CASE_NOT_FOUND', 'Expected a received 一件事 case');
  const part = domain.parts?.find((p) => p.caseId === data.childCaseId);
  if (!part) return refuse('INVALID_ARGUMENT', `Expected ${data.childCaseId} to be a part of this 一件事`);
  const recorded: DomainOutcome = {
    events: [
      { type: 'package.partConcluded', data: { childCaseId: data.childCaseId, kind: data.kind, reason: data.reason } },
    ],
  };
  if (data.kind !== '不予许可' || isDecided(domain.status)) return recorded;
  const rule = domain.matter.package ?? DEFAULT_PACKAGE_RULE;
  const whole = rule.onPartRefused === '整体不予许可' || rule.coreParts.includes(part.elementId);
  if (!whole) return recorded;
  const reason = `${part.name}不予许可${data.reason ? `：${data.reason}` : ''}`;
  return {
    events: [
      ...recorded.events,
      { type: 'case.concluded', data: { kind: '不予许可', reason: `一件事整体不予许可（${reason}）`, licence: null } },
    ],
    then: [
      { type: 'clock.finish', actor: 'system', data: {} },
      { type: 'case.cancel', actor: 'system', data: { reason: `一件事整体不予许可：${reason}` } },
    ],
  };
};

/** The refusals a package concluded with 部分办结 states: its parts refused, in order. */
export function refusedParts(domain: DomainState): string | null {
  const refused = (domain.parts ?? []).filter((p) => p.result?.kind === '不予许可');
  if (refused.length === 0) return null;
  return `部分办结：${refused.map((p) => `${p.name}不予许可${p.result?.reason ? `（${p.result.reason}）` : ''}`).join('；')}`;
}
