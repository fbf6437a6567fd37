/**
 * 电子监察 rules: when a time limit's warning (预警), yellow card (黄牌) and red card (红牌) fall.
 * Thresholds are local policy, so they are data - per matter or per centre, with defaults -
 * never constants in the engine.
 */
import type { TimeLimit } from '../model/types.js';
import type { ClockTarget } from '../runtime/index.js';

/** The levels are the runtime's (its clocks raise them); the rules for when they fall are here. */
export { ALERT_LEVELS, type AlertLevel } from '../runtime/index.js';

export interface SupervisionRules {
  /** 预警: when this much of the limit is left (e.g. 1 工作日), or this share of it (e.g. 0.2). */
  readonly warning: { readonly remaining: TimeLimit } | { readonly remainingRatio: number } | null;
  /** 黄牌 when the limit is reached. */
  readonly yellowAtDue: boolean;
  /** 红牌 when still not done this long after the due date (the 督办 deadline). */
  readonly red: { readonly after: TimeLimit } | null;
}

/** What a clock is, for choosing its rules. */
export type RuleTarget = ClockTarget;

/** Chooses the rules for a clock: the matter's own, else the centre's. */
export interface SupervisionPolicy {
  rulesFor(target: RuleTarget): SupervisionRules;
}

/** The centre defaults when nothing is configured: 预警 with 1 working day left, 黄牌 at due, 红牌 3 working days after. */
export const DEFAULT_RULES: SupervisionRules = {
  warning: { remaining: { amount: 1, unit: '工作日' } },
  yellowAtDue: true,
  red: { after: { amount: 3, unit: '工作日' } },
};

/**
 * A policy from configuration: rules by matter code, then by process id, then the defaults. These
 * are the centre's rules; a case received under a matter version that has its own rules uses
 * those instead (`withOwnRules`).
 */
export function policyFrom(config: {
  readonly defaults?: SupervisionRules;
  readonly byMatter?: Readonly<Record<string, SupervisionRules>>;
  readonly byProcess?: Readonly<Record<string, SupervisionRules>>;
}): SupervisionPolicy {
  const defaults = config.defaults ?? DEFAULT_RULES;
  return {
    rulesFor: (target) =>
      (target.matterCode ? config.byMatter?.[target.matterCode] : undefined) ??
      config.byProcess?.[target.processId] ??
      defaults,
  };
}

/**
 * The rules in force for one case: its own (the 电子监察 rules of the matter version it was
 * received under, which the case keeps) for every clock of the case, else the centre's policy.
 * `own` is asked at each lookup, so rules that arrive with the case's 收件 apply from then on.
 */
export function withOwnRules(
  policy: SupervisionPolicy,
  own: () => SupervisionRules | null | undefined,
): SupervisionPolicy {
  return { rulesFor: (target) => own() ?? policy.rulesFor(target) };
}

/** Rules that raise nothing: no 预警, no 黄牌, no 红牌 (the clock still has its due date). */
export const NO_SIGNALS: SupervisionRules = { warning: null, yellowAtDue: false, red: null };

/** 办件类型 (DOMAIN.md): 1 即办件, 2 承诺件, 9 其他. */
const IMMEDIATE_CASE_TYPE = 1;

/**
 * The rules in force for one case by its 办件类型: a 即办件 (caseType 1) is decided on the spot,
 * so none of its clocks signals — it has no case clock (受理 starts none) and its steps raise no
 * 预警 / 黄牌 / 红牌, whatever the centre's or the matter's own rules say (a step limit in its flow
 * still gives the step a due date). Any other case uses `policy`. `caseType` is asked at each
 * lookup, like `withOwnRules`'s `own`: null or undefined before 收件 tells it, and for a bare
 * process run.
 */
export function withCaseType(policy: SupervisionPolicy, caseType: () => number | null | undefined): SupervisionPolicy {
  return { rulesFor: (target) => (caseType() === IMMEDIATE_CASE_TYPE ? NO_SIGNALS : policy.rulesFor(target)) };
}
