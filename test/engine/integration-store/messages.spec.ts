/**
 * Messages and signals from other systems over the store (both dialects): exactly one receiver
 * or a refusal naming why, the correlation key as the case's 办件编号 or id, message starts, the
 * caller as the actor in the history.
 */
import { expect } from 'chai';
import {
  broadcastSignal,
  correlateMessage,
  IntegrationError,
  type MessageInput,
} from '../../../engine/integration-store/index.js';
import type { TestEngine } from '../../support/test-engine.js';
import { engineWith } from './support.js';

describe('integration-store: message correlation and signals', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await engineWith('messages.department-systems');
  });
  afterEach(() => engine.close());

  const correlate = (input: Omit<MessageInput, 'actor'>) =>
    correlateMessage(engine.store, { actor: 'worker:fire-system', ...input });
  const refusal = async (input: Omit<MessageInput, 'actor'>): Promise<IntegrationError> => {
    try {
      await correlate(input);
    } catch (error) {
      if (error instanceof IntegrationError) return error;
      throw error;
    }
    throw new Error('Expected a refusal, but the message was correlated');
  };
  const openTasks = async (caseId: string) => (await engine.store.listTasks({ caseId })).map((t) => t.elementId);
  const waitsAt = async (caseId: string) =>
    Object.values((await engine.state(caseId)).subscriptions)
      .filter((s) => s.kind === 'message')
      .map((s) => s.elementId);

  it('should refuse a message nobody waits for and no process starts on (MESSAGE_NOT_CORRELATED)', async () => {
    const none = await refusal({ messageName: '消防审查结果' });
    expect(none).to.include({ code: 'MESSAGE_NOT_CORRELATED', status: 404 });
  });

  it('should deliver a message to the one waiting case, with its variables, the caller as actor', async () => {
    // given
    const caseId = await engine.start('fireReview');

    // when
    const correlated = await correlate({ messageName: '消防审查结果', variables: { 消防结论: '合格' } });

    // then
    expect(correlated).to.deep.equal({ caseId, started: false, elementId: 'waitResult', processId: 'fireReview' });
    expect(await openTasks(caseId)).to.deep.equal(['decide']);
    const state = await engine.state(caseId);
    expect(state.variables[state.rootInstanceId]).to.deep.include({ 消防结论: '合格' });
    const triggered = (await engine.events(caseId)).find((e) => e.type === 'event.triggered');
    expect(triggered?.actor).to.equal('worker:fire-system');
    await engine.expectConsistent(caseId);
  });

  it('should refuse a message two cases wait for (MESSAGE_AMBIGUOUS), naming them, and take the one its key names', async () => {
    // given
    const first = await engine.start('fireReview');
    const second = await engine.start('fireReview');

    // when
    const ambiguous = await refusal({ messageName: '消防审查结果' });

    // then nothing moved, and the refusal names both
    expect(ambiguous).to.include({ code: 'MESSAGE_AMBIGUOUS', status: 409 });
    expect(ambiguous.details).to.deep.equal({
      cases: [
        { caseId: first, elementId: 'waitResult' },
        { caseId: second, elementId: 'waitResult' },
      ],
      processes: [],
    });
    expect(await waitsAt(first)).to.deep.equal(['waitResult']);

    // when the key names the second by its id
    const keyed = await correlate({ messageName: '消防审查结果', correlationKey: second });
    expect(keyed.caseId).to.equal(second);
    expect(await waitsAt(first)).to.deep.equal(['waitResult']);
    expect(await openTasks(second)).to.deep.equal(['decide']);
  });

  it('should find the case by its 办件编号 as the correlation key', async () => {
    const caseId = await engine.start('fireReview');
    await engine.start('fireReview');
    // The number 收件 gives a 办件 (written here directly: this process runs without the 办件 domain).
    await engine.store.database.knex('cases').where({ case_id: caseId }).update({ number: '20250106-0001' });
    const correlated = await correlate({ messageName: '消防审查结果', correlationKey: '20250106-0001' });
    expect(correlated.caseId).to.equal(caseId);
  });

  it('should NOT deliver a keyed message to another case, nor start one, when the key names no waiting case', async () => {
    await engine.start('fireReview');
    expect((await refusal({ messageName: '消防审查结果', correlationKey: '20250106-9999' })).code).to.equal(
      'MESSAGE_NOT_CORRELATED',
    );
    expect((await refusal({ messageName: '投诉举报', correlationKey: 'any' })).code).to.equal('MESSAGE_NOT_CORRELATED');
  });

  it('should start the process a message start event names when no case waits', async () => {
    const started = await correlate({ messageName: '投诉举报', variables: { 内容: '窗口态度' } });
    expect(started).to.include({ started: true, processId: 'complaint', elementId: 'byReport' });
    expect(await openTasks(started.caseId)).to.deep.equal(['handle']);
    expect((await engine.events(started.caseId))[0]?.actor).to.equal('worker:fire-system');
  });

  it('should broadcast a signal to every waiting case, with the caller as actor', async () => {
    const first = await engine.start('fireReview');
    const second = await engine.start('fireReview');
    const reached = await broadcastSignal(engine.store, { signalName: '系统维护', actor: 'admin' });
    expect(reached).to.have.deep.members([
      { caseId: first, started: false },
      { caseId: second, started: false },
    ]);
    const received = (await engine.events(first)).filter((e) => e.type === 'event.triggered');
    expect(received.map((e) => e.actor)).to.deep.equal(['admin']);
    expect(await broadcastSignal(engine.store, { signalName: '无人等待', actor: 'admin' })).to.deep.equal([]);
  });
});
