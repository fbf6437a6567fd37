/**
 * The case layer: one command on one case, whether BPMN (runtime) or 办件 (domain), becomes one
 * list of events in one stream. A domain command is decided by its handler; its events are
 * stamped and applied, and the runtime commands it asks for run through the pure runtime with
 * the same clock and ids. Deadlines the runtime reports (`deadline.reached`) go back to the
 * domain. Pure, like the runtime.
 */
import type { CompiledDefinition } from '../model/types.js';
import { limitPlanner, withCaseType, withOwnRules, type SupervisionPolicy } from '../supervision/index.js';
import { cloneState, execute, type Command, type RejectionCode, type RuntimeContext } from '../runtime/index.js';
import {
  DOMAIN_EVENT_VERSIONS,
  domainHandlers,
  isDecided,
  isDomainCommand,
  onDeadline,
  partOf,
  type DomainCommand,
  type DomainContext,
  type DomainEventDraft,
  type DomainHandler,
  type DomainOutcome,
  type DomainRejectionCode,
  type MatterSnapshot,
} from '../domain/index.js';
import { openAcceptanceStep } from './acceptance-step.js';
import { applyEvent } from './apply.js';
import type { CaseEvent } from './events.js';
import type { CaseState } from './state.js';

export type CaseCommand = Command | DomainCommand;
/** The runtime's context, with 电子监察's policy for the signals of clocks (instead of the runtime's planner). */
export type CaseContext = Omit<RuntimeContext, 'limits'> &
  Pick<DomainContext, 'creditCheck'> & {
    /** 电子监察 rules; without them, clocks still run but raise no signals. */
    readonly supervision?: SupervisionPolicy;
  };
export type CaseRejectionCode = RejectionCode | DomainRejectionCode;
export interface CaseRejection {
  readonly code: CaseRejectionCode;
  /** "Expected …, but …" */
  readonly message: string;
}
export type CaseResult =
  | { readonly ok: true; readonly events: readonly CaseEvent[]; readonly state: CaseState }
  | { readonly ok: false; readonly rejection: CaseRejection };

export function executeCase(
  definition: CompiledDefinition,
  state: CaseState | null,
  command: CaseCommand,
  ctx: CaseContext,
): CaseResult {
  const result = run(definition, state, command, ctx, null);
  if (!result.ok) return result;
  // 一件事: a part whose flow ended without a 办结 is decided by the flow's last step. Run the
  // command again with the decision first, so that the package hears of it before the part's
  // end moves the package on.
  const decision = partDecidedByFlow(state, command, result);
  return decision ? run(definition, state, command, ctx, decision) : result;
}

function run(
  definition: CompiledDefinition,
  state: CaseState | null,
  command: CaseCommand,
  ctx: CaseContext,
  partDecision: DomainEventDraft | null,
): CaseResult {
  const run = new Accumulator(definition, state, ctx, command.type === 'case.receive' ? command.data.matter : null);
  const refused = isDomainCommand(command)
    ? run.domain(command)
    : partDecision
      ? run.follow({ before: [finishCaseClock(command.actor)], events: [partDecision], then: [command] }, command.actor)
      : run.runtime(command);
  if (refused) return refused;
  const ended = command.type === 'case.cancel' ? run.endedByCancel(command.data.reason, command.actor) : null;
  if (ended) return ended;
  const reviewing =
    !isDomainCommand(command) && (command.type === 'task.complete' || command.type === 'task.claim')
      ? run.reviewStarted(command.actor)
      : null;
  if (reviewing) return reviewing;
  const followUp = run.followDeadlines() ?? run.followCalls();
  return followUp ?? { ok: true, events: run.events, state: run.current as CaseState };
}

/**
 * The decision a part's flow made by ending while the part was open: 不予许可 when the step that
 * ended it was decided 不通过 (its opinion the reason), else 出证. Null when not a part, or when
 * the part was decided (办结) before its flow ended.
 */
function partDecidedByFlow(
  before: CaseState | null,
  command: CaseCommand,
  result: CaseResult,
): DomainEventDraft | null {
  if (!result.ok || isDomainCommand(command) || !before?.domain?.package || isDecided(before.domain.status))
    return null;
  if (!result.events.some((event) => event.type === 'case.completed')) return null;
  if (!result.state.domain || isDecided(result.state.domain.status)) return null;
  const refused = command.type === 'task.complete' && command.data.opinion?.decision.trim() === '不通过';
  return {
    type: 'case.concluded',
    data: refused
      ? { kind: '不予许可', reason: command.data.opinion?.text ?? null, licence: null }
      : { kind: '出证', reason: null, licence: null },
  };
}

const finishCaseClock = (actor: string): Command => ({ type: 'clock.finish', actor, data: {} });

class Accumulator {
  readonly events: CaseEvent[] = [];
  current: CaseState | null;
  /** Whether `current` is still the caller's state, which must not be changed. */
  private borrowed: boolean;
  private readonly ctx: RuntimeContext & Pick<DomainContext, 'creditCheck'>;

  constructor(
    private readonly definition: CompiledDefinition,
    state: CaseState | null,
    ctx: CaseContext,
    receiving: MatterSnapshot | null,
  ) {
    this.current = state;
    this.borrowed = state !== null;
    // 电子监察: every clock of the case counts with the rules of the matter version it was received
    // under (kept in its state by case.received; during 收件 itself, whose flow starts before that
    // event, the command's), else the centre's; a 即办件's clocks signal nothing. Replay and later
    // commands see the same rules.
    const matter = () => this.current?.domain?.matter ?? receiving;
    const own = () => matter()?.supervision;
    const { supervision, ...rest } = ctx;
    const policy = supervision && withCaseType(withOwnRules(supervision, own), () => matter()?.caseType);
    this.ctx = policy ? { ...rest, limits: limitPlanner(policy) } : rest;
  }

  runtime(command: Command): CaseResult | null {
    // A case whose flow has ended has nothing left to cancel.
    if (command.type === 'case.cancel' && this.current?.status !== 'active') return null;
    const result = execute(this.definition, this.current, command, this.ctx);
    if (!result.ok) return result;
    this.current = result.state;
    this.borrowed = false;
    this.events.push(...result.events);
    return null;
  }

  domain(command: DomainCommand): CaseResult | null {
    const handler = domainHandlers[command.type] as DomainHandler<DomainCommand>;
    const domainCtx: DomainContext = {
      now: this.ctx.now,
      ...(this.ctx.calendar ? { calendar: this.ctx.calendar } : {}),
      ...(this.ctx.creditCheck ? { creditCheck: this.ctx.creditCheck } : {}),
    };
    return this.follow(handler(this.current?.domain ?? null, command, domainCtx), command.actor);
  }

  /** The first department step claimed or worked after 受理 puts the case 审查中. */
  reviewStarted(actor: string): CaseResult | null {
    if (this.current?.domain?.status !== '已受理') return null;
    return this.follow({ events: [{ type: 'case.reviewStarted', data: {} }] }, actor);
  }

  /** Let the domain answer the deadlines the runtime reported, until nothing more follows. */
  followDeadlines(): CaseResult | null {
    for (let index = 0; index < this.events.length; index++) {
      const event = this.events[index];
      if (event?.type !== 'deadline.reached') continue;
      const outcome = onDeadline(
        this.current?.domain ?? null,
        event.data.name,
        this.current ? openAcceptanceStep(this.definition, this.current) : undefined,
      );
      const refused = outcome ? this.follow(outcome, 'system') : null;
      if (refused) return refused;
    }
    return null;
  }

  /**
   * A 办件 whose flow was cancelled from outside (its 一件事 package stopped it) while still
   * open ends 已终止, with the reason. A case the domain ended itself (撤回, 不予受理 …) is decided
   * already.
   */
  endedByCancel(reason: string, actor: string): CaseResult | null {
    const domain = this.current?.domain;
    if (!domain || isDecided(domain.status)) return null;
    return this.follow({ events: [{ type: 'case.ended', data: { status: '已终止', reason } }] }, actor);
  }

  /**
   * 一件事: each call activity of a package that started a child records the part (子件) it
   * started — its number, name and matter — so that the store receives the child as a 办件.
   */
  followCalls(): CaseResult | null {
    for (let index = 0; index < this.events.length; index++) {
      const event = this.events[index];
      const domain = this.current?.domain;
      if (event?.type !== 'call.started' || !domain || domain.package) continue;
      const process = this.definition.processes.get(this.current?.processId ?? '');
      const element = process?.elements.get(event.data.elementId);
      const called = this.definition.processes.get(event.data.processId);
      const part = partOf(domain, {
        childCaseId: event.data.childCaseId,
        elementId: event.data.elementId,
        name: element?.name ?? called?.name ?? event.data.elementId,
        department: element && 'gov' in element ? element.gov.department : null,
        code: called?.gov.matterCode ?? null,
        limit: called?.gov.promisedLimit ?? (element && 'gov' in element ? element.gov.timeLimit : null),
      });
      const { result: _result, ...started } = part;
      // The package is 审查中 once a part is with its department.
      const reviewing = domain.status === '已受理' ? [{ type: 'case.reviewStarted' as const, data: {} }] : [];
      const refused = this.follow(
        { events: [{ type: 'package.partStarted', data: started }, ...reviewing] },
        event.actor,
      );
      if (refused) return refused;
    }
    return null;
  }

  follow(outcome: DomainOutcome, actor: string): CaseResult | null {
    if ('rejected' in outcome) return { ok: false, rejection: outcome.rejected };
    for (const command of outcome.before ?? []) {
      const refused = this.runtime(command);
      if (refused) return refused;
    }
    for (const draft of outcome.events) {
      const event = { ...draft, v: DOMAIN_EVENT_VERSIONS[draft.type], time: this.ctx.now, actor } as CaseEvent;
      if (this.borrowed && this.current) {
        this.current = cloneState(this.current);
        this.borrowed = false;
      }
      this.current = applyEvent(this.current, event);
      this.events.push(event);
    }
    for (const command of outcome.then ?? []) {
      const refused = this.runtime(command);
      if (refused) return refused;
    }
    return null;
  }
}
