/**
 * 办件回放: the diagram of the version the case ran beside the timeline of its events. Stepping
 * (首条 / 上一条 / 下一条 / 末条, the slider, ← → Home End) shows the state after the selected
 * event as the server's replay computed it; jump to a seq or to a Beijing time. The URL keeps
 * the seq (?seq=12). The timeline shows the officers' record (办理记录: the events with words of
 * their own) or every event with the flow's bookkeeping (全部事件); stepping follows what it shows.
 * Every event has its Chinese name, never its code. The hash-chain verification is shown, and a
 * break marks its event (shown whatever the filter). Read-only: nothing here changes the case.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DateInput } from '../shared/date-input.js';
import { formatDateTime } from '../shared/format.js';
import { MaterialFiles, type MaterialFileView } from '../shared/material-files.js';
import { ReplayDiagram } from './diagram.js';
import {
  actorLabel,
  eventLabel,
  FLOW_STATUS_LABELS,
  formatSeconds,
  fromBeijingInput,
  LEVEL_CLASS,
  toBeijingInput,
} from './labels.js';
import { AUDIT_MASKED, type StateSummary, type Timeline, type TimelineStep, type Verification } from './types.js';

export interface ReplayProps {
  readonly timeline: Timeline;
  readonly verification: Verification;
  readonly xml: string | null;
  readonly initialSeq: number | null;
  readonly onError: (message: string) => void;
}

/** What the timeline lists: the officers' record, or every event. */
type Filter = 'record' | 'all';

export function ReplayPage({ timeline, verification, xml, initialSeq, onError }: ReplayProps) {
  const steps = timeline.steps;
  const last = steps.length;
  const clamp = (seq: number) => Math.min(Math.max(1, Math.trunc(seq)), last);
  const [seq, setSeq] = useState(() => clamp(initialSeq ?? last));
  const [filter, setFilter] = useState<Filter>('record');
  const brokenAt = verification.ok ? null : verification.brokenAtSeq;
  /** The seqs the timeline lists under the filter (a chain break always). */
  const listed = useMemo(
    () =>
      steps
        .filter((entry) => filter === 'all' || entry.text !== null || entry.seq === brokenAt)
        .map((entry) => entry.seq),
    [filter],
  );
  const recordCount = useMemo(() => steps.filter((entry) => entry.text !== null).length, [steps]);
  /** The listed seq before (-1) or after (+1) `from`, or `from` itself at either end. */
  const neighbour = (from: number, direction: -1 | 1): number => {
    const found = direction > 0 ? listed.find((s) => s > from) : [...listed].reverse().find((s) => s < from);
    return found ?? from;
  };
  const firstListed = listed[0] ?? 1;
  const lastListed = listed[listed.length - 1] ?? last;
  const [seqInput, setSeqInput] = useState(String(seq));
  const [timeInput, setTimeInput] = useState(() => toBeijingInput(steps[seq - 1]?.time ?? new Date().toISOString()));
  const [diagramReady, setDiagramReady] = useState(false);
  const [diagramFailed, setDiagramFailed] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const diagram = useRef<ReplayDiagram | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const step = steps[seq - 1] as TimelineStep;

  const go = (next: number) => {
    const target = clamp(next);
    setSeq(target);
    setSeqInput(String(target));
  };

  // The diagram: once per XML.
  useEffect(() => {
    if (!container.current || !xml) return undefined;
    const view = new ReplayDiagram(container.current);
    diagram.current = view;
    let live = true;
    view
      .open(xml, timeline.definition?.processId ?? timeline.case.processId ?? '')
      .then(() => {
        if (!live) return;
        view.onElementClick((element) => {
          if (!view.isCallActivity(element.id)) return;
          const child = childFor(element.id);
          if (child) location.assign(`/audit/cases/${encodeURIComponent(child)}`);
          else onError(`调用环节“${view.nameOf(element.id)}”在此时尚未启动子办件`);
        });
        setDiagramReady(true);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (live) setDiagramFailed(true);
      });
    return () => {
      live = false;
      view.destroy();
      diagram.current = null;
    };
  }, [xml]);

  // The child case a call activity opens: the one it waits for at this event, else its latest.
  const childFor = (elementId: string): string | null => {
    const current = steps[seqRef.current - 1]?.state?.calls.find((call) => call.elementId === elementId);
    if (current) return current.childCaseId;
    const started = timeline.children.filter((child) => child.elementId === elementId);
    return started[started.length - 1]?.caseId ?? null;
  };
  const seqRef = useRef(seq);
  seqRef.current = seq;

  // Paint, keep the URL, and bring the event into view whenever the seq changes — in the same
  // commit as the position (a layout effect), so the diagram never shows another event's state.
  useLayoutEffect(() => {
    if (diagramReady) diagram.current?.paint(step.state, step);
    const url = new URL(location.href);
    url.searchParams.set('seq', String(seq));
    history.replaceState(null, '', url.pathname + url.search);
    // Scroll the list only (scrollIntoView would move the whole page).
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (
      list &&
      row &&
      (row.offsetTop < list.scrollTop + 30 || row.offsetTop + row.offsetHeight > list.scrollTop + list.clientHeight)
    ) {
      list.scrollTop = Math.max(0, row.offsetTop - list.clientHeight / 2);
    }
    setTimeInput(toBeijingInput(step.time));
  }, [seq, diagramReady]);

  // Arrow keys step (not while typing in a field: the slider and inputs handle their own keys).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'))
        return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const moves: Record<string, () => number> = {
        ArrowLeft: () => neighbour(seqRef.current, -1),
        ArrowUp: () => neighbour(seqRef.current, -1),
        ArrowRight: () => neighbour(seqRef.current, 1),
        ArrowDown: () => neighbour(seqRef.current, 1),
        Home: () => firstListed,
        End: () => lastListed,
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      go(move());
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [last, listed]);

  const jumpToSeq = (event: Event) => {
    event.preventDefault();
    const wanted = Number(seqInput);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > last) {
      onError(`跳转序号：请输入 1 到 ${last} 之间的整数`);
      return;
    }
    go(wanted);
  };
  const jumpToTime = (event: Event) => {
    event.preventDefault();
    const at = fromBeijingInput(timeInput);
    if (Number.isNaN(at)) {
      onError('跳转时间：请输入有效的日期和时间');
      return;
    }
    let found = 0;
    for (const candidate of steps) if (Date.parse(candidate.time) <= at) found = candidate.seq;
    if (found === 0) {
      onError(
        `跳转时间：${formatDateTime(new Date(at))} 之前没有任何事件（首条事件在 ${formatDateTime(steps[0]?.time)}）`,
      );
      return;
    }
    go(found);
  };

  const names = (ids: readonly string[]) =>
    ids.map((id) => (diagramReady && diagram.current ? diagram.current.nameOf(id) : id));

  return (
    <div class="mf-replay">
      <CaseHeaderCard
        timeline={timeline}
        verification={verification}
        nameOf={(id) => (diagramReady && diagram.current ? diagram.current.nameOf(id) : id)}
      />
      <div class="mf-replay-controls mf-card" role="group" aria-label="回放控制">
        <div class="mf-toolbar">
          <button type="button" onClick={() => go(firstListed)} disabled={seq <= firstListed}>
            首条
          </button>
          <button type="button" onClick={() => go(neighbour(seq, -1))} disabled={seq <= firstListed}>
            上一条
          </button>
          <button type="button" onClick={() => go(neighbour(seq, 1))} disabled={seq >= lastListed}>
            下一条
          </button>
          <button type="button" onClick={() => go(lastListed)} disabled={seq >= lastListed}>
            末条
          </button>
          <input
            type="range"
            class="mf-replay-slider"
            min={1}
            max={last}
            value={seq}
            aria-label="事件序号"
            onInput={(event) => go(Number((event.target as HTMLInputElement).value))}
          />
          <span class="mf-replay-position" data-testid="position">
            第 {seq} / {last} 条
          </span>
        </div>
        <div class="mf-toolbar">
          <form class="mf-inline" onSubmit={jumpToSeq} noValidate>
            <label>
              跳转到序号{' '}
              <input
                type="number"
                min={1}
                max={last}
                value={seqInput}
                onInput={(event) => setSeqInput((event.target as HTMLInputElement).value)}
                style="width: 6em"
              />
            </label>
            <button type="submit">跳转</button>
          </form>
          <form class="mf-inline" onSubmit={jumpToTime} noValidate>
            <label>
              跳转到时间（北京时间） <DateInput withTime value={timeInput} onValue={setTimeInput} />
            </label>
            <button type="submit">定位</button>
          </form>
          <span class="mf-muted">键盘：← → 逐条，首末条用 Home、End 键</span>
        </div>
      </div>
      <div class="mf-replay-body">
        <section class="mf-replay-left">
          <div class="mf-card mf-replay-diagram-card">
            <div
              ref={container}
              class="mf-replay-diagram"
              role="img"
              aria-label={`流程图：${timeline.definition?.name ?? timeline.definition?.processId ?? ''}`}
              data-testid="replay-diagram"
              data-ready={diagramReady ? 'true' : 'false'}
            />
            {!xml || diagramFailed ? <p role="alert">流程图无法显示（找不到该办件所用的流程版本）。</p> : <Legend />}
          </div>
          <EventDetail step={step} brokenAt={brokenAt} names={names} caseId={timeline.case.caseId} />
        </section>
        <section class="mf-replay-right mf-card" aria-label="事件时间线">
          <div class="mf-replay-list-head">
            <h2>事件时间线</h2>
            <label>
              显示{' '}
              <select
                value={filter}
                aria-label="显示"
                onChange={(event) => setFilter((event.target as HTMLSelectElement).value as Filter)}
              >
                <option value="record">办理记录（{recordCount} 条）</option>
                <option value="all">全部事件，含流程自动记录（{last} 条）</option>
              </select>
            </label>
          </div>
          <div class="mf-replay-list" ref={listRef}>
            <table class="mf-replay-table">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>时间（北京时间）</th>
                  <th>事件</th>
                  <th>操作人</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((entry) => {
                  if (entry.seq !== seq && !listed.includes(entry.seq)) return null;
                  const broken = brokenAt !== null && entry.seq === brokenAt;
                  const classes = [
                    entry.seq === seq ? 'selected' : '',
                    broken ? 'mf-broken' : '',
                    brokenAt !== null && entry.seq > brokenAt ? 'mf-after-break' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <tr
                      key={entry.seq}
                      data-seq={entry.seq}
                      class={classes}
                      aria-selected={entry.seq === seq ? 'true' : 'false'}
                      onClick={() => go(entry.seq)}
                    >
                      <td>{entry.seq}</td>
                      <td>{formatSeconds(entry.time)}</td>
                      <td>
                        {eventLabel(entry.type, entry.data)}
                        {entry.text && filter === 'record' ? (
                          <div class="mf-muted mf-event-text">{entry.text}</div>
                        ) : null}
                        {broken ? (
                          <span class="mf-broken-tag" data-testid="chain-break">
                            链断裂
                          </span>
                        ) : null}
                        {entry.type === 'alert.raised' ? (
                          <SignalTag level={(entry.data as { level?: string }).level ?? ''} />
                        ) : null}
                      </td>
                      <td>{actorLabel(entry.actor)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}

function SignalTag({ level }: { level: string }) {
  const cls = LEVEL_CLASS[level];
  return cls ? (
    <span class={`mf-signal mf-signal-${cls}`} style="margin-left: 6px">
      {level}
    </span>
  ) : null;
}

function CaseHeaderCard({
  timeline,
  verification,
  nameOf,
}: {
  timeline: Timeline;
  verification: Verification;
  nameOf: (id: string) => string;
}) {
  const header = timeline.case;
  return (
    <div class="mf-card mf-replay-header">
      <div class="mf-replay-facts">
        <h1>
          办件回放 <span class="mf-case-number">{header.number ?? ''}</span>{' '}
          <span class="mf-muted" title="内部编号">
            {header.caseId}
          </span>
        </h1>
        <dl>
          <dt>事项</dt>
          <dd>{header.matter ? `${header.matter.name}（${header.matter.code}）` : '—'}</dd>
          <dt>办件状态</dt>
          <dd>{header.domainStatus ?? FLOW_STATUS_LABELS[header.status ?? ''] ?? '—'}</dd>
          <dt>申请人</dt>
          <dd>
            {header.applicant
              ? `${header.applicant.name}（${header.applicant.idType} ${header.applicant.idNumber}）`
              : '—'}
          </dd>
          <dt>收件时间</dt>
          <dd>{formatDateTime(header.receivedAt ?? header.startedAt)}</dd>
          <dt>流程版本</dt>
          <dd data-testid="definition">
            {timeline.definition
              ? `${timeline.definition.name ?? timeline.definition.processId}（${timeline.definition.processId}）第 ${timeline.definition.version} 版`
              : '—'}
          </dd>
        </dl>
        <div class="mf-replay-family">
          {timeline.parent ? (
            <p>
              上级一件事办件：
              <a href={`/audit/cases/${encodeURIComponent(timeline.parent.caseId)}`} data-testid="parent-link">
                {timeline.parent.caseId}
              </a>
              <span class="mf-muted">
                （{timeline.parent.processId}
                {timeline.parent.elementId ? ` · 调用环节 ${timeline.parent.elementId}` : ''}）
              </span>
            </p>
          ) : null}
          {timeline.children.length > 0 ? (
            <div>
              子办件（{timeline.children.length}）：
              <ul class="mf-replay-children">
                {timeline.children.map((child) => (
                  <li key={child.caseId}>
                    <a href={`/audit/cases/${encodeURIComponent(child.caseId)}`} data-testid="child-link">
                      {child.elementId ? nameOf(child.elementId) : child.processId}
                    </a>
                    <span class="mf-muted">
                      {' '}
                      {child.caseId} · {child.domainStatus ?? FLOW_STATUS_LABELS[child.status] ?? child.status}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      <VerificationBox verification={verification} total={timeline.steps.length} />
    </div>
  );
}

export function VerificationBox({ verification, total }: { verification: Verification; total: number }) {
  return verification.ok ? (
    <div class="mf-verification mf-verification-ok" data-testid="verification" data-ok="true" role="status">
      <strong>✔ 哈希链校验通过</strong>
      <div>全部 {total} 条事件环环相扣，回放结果与存档一致，未发现篡改。</div>
    </div>
  ) : (
    <div
      class="mf-verification mf-verification-broken"
      data-testid="verification"
      data-ok="false"
      data-broken-at={verification.brokenAtSeq}
      role="alert"
    >
      <strong>✘ 哈希链校验未通过</strong>
      <div>自第 {verification.brokenAtSeq} 条事件起链断裂：该事件或其后的记录与存档不符，可能已被篡改。</div>
    </div>
  );
}

function EventDetail({
  step,
  brokenAt,
  names,
  caseId,
}: {
  step: TimelineStep;
  brokenAt: number | null;
  names: (ids: readonly string[]) => string[];
  caseId: string;
}) {
  const state = step.state;
  return (
    <div class="mf-card mf-replay-detail" data-testid="event-detail">
      <h2>
        第 {step.seq} 条：{eventLabel(step.type, step.data)}
        {brokenAt === step.seq ? <span class="mf-broken-tag">链断裂</span> : null}
      </h2>
      {step.text ? (
        <p class="mf-event-summary" data-testid="event-text">
          {step.text}
        </p>
      ) : null}
      <dl class="mf-replay-event">
        <dt>时间</dt>
        <dd data-testid="event-time">{formatSeconds(step.time)}（北京时间）</dd>
        <dt>操作人</dt>
        <dd data-testid="event-actor">{actorLabel(step.actor)}</dd>
        {step.elements.length + step.flows.length > 0 ? (
          <>
            <dt>涉及</dt>
            <dd>{names([...step.elements, ...step.flows]).join('、')}</dd>
          </>
        ) : null}
      </dl>
      {step.type === 'material.filed' ? (
        <div class="mf-replay-file" aria-label="材料文件">
          <MaterialFiles caseId={caseId} files={[step.data as unknown as MaterialFileView]} />
        </div>
      ) : null}
      <details open>
        <summary>事件内容（{AUDIT_MASKED}已脱敏）</summary>
        <pre class="mf-payload" data-testid="event-payload">
          {JSON.stringify(step.data, null, 2)}
        </pre>
      </details>
      {state ? (
        <StateAfter state={state} names={names} />
      ) : (
        <p role="alert">此事件之后的状态无法回放：事件记录与流程不符（可能已被篡改）。</p>
      )}
    </div>
  );
}

function StateAfter({ state, names }: { state: StateSummary; names: (ids: readonly string[]) => string[] }) {
  const active = useMemo(() => Object.entries(state.active), [state]);
  return (
    <div class="mf-replay-state">
      <h3>此事件之后的状态</h3>
      <dl>
        <dt>流程</dt>
        <dd>
          {FLOW_STATUS_LABELS[state.status] ?? state.status}
          {state.suspended ? '（挂起中）' : ''}
        </dd>
        <dt>办件状态</dt>
        <dd data-testid="state-status">{state.domainStatus ?? '—'}</dd>
        <dt>当前环节</dt>
        <dd data-testid="state-active">
          {active.length
            ? active.map(([id, count]) => `${names([id])[0]}${count > 1 ? ` ×${count}` : ''}`).join('、')
            : '无'}
        </dd>
        <dt>待办</dt>
        <dd>
          {state.tasks.length
            ? state.tasks
                .map(
                  (task) =>
                    `${task.name ?? task.elementId}（${task.department ?? '—'}${task.assignee ? ` · ${task.assignee}` : ' · 未签收'}）`,
                )
                .join('；')
            : '无'}
        </dd>
        <dt>计时</dt>
        <dd>
          {state.clocks.length
            ? state.clocks
                .map(
                  (clock) =>
                    `${clock.kind === 'case' ? '办件时限' : `${names([clock.elementId])[0]}环节时限`} ${formatDateTime(clock.dueAt)} 到期${clock.provisional ? '（暂定）' : ''}${clock.running ? '' : '（已暂停）'}`,
                )
                .join('；')
            : '无'}
        </dd>
        <dt>待触发定时</dt>
        <dd>
          {state.timers.length
            ? state.timers
                .map(
                  (timer) =>
                    `${timer.kind === 'alert' ? `${timer.level ?? ''}时点` : timer.kind === 'deadline' ? `期限（${timer.deadline ?? ''}）` : `定时器 ${names([timer.elementId])[0]}`} ${formatDateTime(timer.dueAt)}`,
                )
                .join('；')
            : '无'}
        </dd>
        <dt>监察信号</dt>
        <dd data-testid="state-signals">
          {state.signals.length
            ? state.signals.map((signal) => (
                <span key={signal.alertId} class="mf-replay-signal">
                  <span class={`mf-signal mf-signal-${LEVEL_CLASS[signal.level] ?? 'warning'}`}>{signal.level}</span>{' '}
                  {signal.elementId ? names([signal.elementId])[0] : ''} {signal.department ?? ''}
                  {signal.officer ? ` · ${signal.officer}` : ''}
                </span>
              ))
            : '无'}
        </dd>
      </dl>
    </div>
  );
}

function Legend() {
  return (
    <div class="mf-replay-legend mf-muted" aria-label="图例">
      <span>
        <i class="mf-lg mf-lg-completed" />
        已完成
      </span>
      <span>
        <i class="mf-lg mf-lg-active" />
        进行中（数字为令牌数）
      </span>
      <span>
        <i class="mf-lg mf-lg-flow" />
        已流转
      </span>
      <span>
        <i class="mf-lg mf-lg-current" />
        本条事件
      </span>
      <span>
        <span class="mf-signal mf-signal-warning">预警</span> <span class="mf-signal mf-signal-yellow">黄牌</span>{' '}
        <span class="mf-signal mf-signal-red">红牌</span>
      </span>
      <span>环节旁的“几次”为到达次数；点击调用环节打开子办件</span>
    </div>
  );
}
