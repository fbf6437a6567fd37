/**
 * The case layer: one command on one case, whether BPMN (runtime) or 办件 (domain), becomes one
 * list of events in one stream. A domain command is decided by its handler; its events are
 * stamped and applied, and the runtime commands it asks for run through the pure runtime with
 * the same clock and ids. Deadlines the runtime reports (`deadline.reached`) go back to the
 * domain. Pure, like the runtime.
 */
import type { CompiledDefinition } from '../model/types.js';
import { limitPlanner, withOwnRules, type SupervisionPolicy } from '../supervision/index.js';
import { cloneState, execute, type Command, type RejectionCode, type RuntimeContext } from '../runtime/index.js';
import {
  DOMAIN_EVENT_VERSIONS,
  domainHandlers,
  isDomainCommand,
  onDeadline,
  type DomainCommand,
  type DomainContext,
  type DomainHandler,
  type DomainOutcome,
  type DomainRejectionCode,
  type MatterSnapshot,
} from '../domain/index.js';
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
  const run = new Accumulator(definition, state, ctx, command.type === 'case.receive' ? command.data.matter : null);
  const refused = isDomainCommand(command) ? run.domain(command) : run.runtime(command);
  if (refused) return refused;
  const reviewing =
    !isDomainCommand(command) && (command.type === 'task.complete' || command.type === 'task.claim')
      ? run.reviewStarted(command.actor)
      : null;
  if (reviewing) return reviewing;
  const followUp = run.followDeadlines();
  return followUp ?? { ok: true, events: run.events, state: run.current as CaseState };
}

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
    // event, the command's), else the centre's. Replay and later commands see the same rules.
    const own = () => (this.current?.domain?.matter ?? receiving)?.supervision;
    const { supervision, ...rest } = ctx;
    this.ctx = supervision ? { ...rest, limits: limitPlanner(withOwnRules(supervision, own)) } : rest;
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
      const outcome = onDeadline(this.current?.domain ?? null, event.data.name);
      const refused = outcome ? this.follow(outcome, 'system') : null;
      if (refused) return refused;
    }
    return null;
  }

  private follow(outcome: DomainOutcome, actor: string): CaseResult | null {
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
