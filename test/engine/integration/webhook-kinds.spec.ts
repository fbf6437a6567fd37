import { expect } from 'chai';
import type { CaseEvent } from '../../../engine/case/index.js';
import type { RatingEvent } from '../../../engine/ratings/index.js';
import {
  ratingOfStream,
  ratingStream,
  ratingWebhookKindOf,
  WEBHOOK_KINDS,
  webhookKind,
  webhookKindOf,
} from '../../../engine/integration/index.js';

const event = (type: string, data: Record<string, unknown> = {}) =>
  ({ type, v: 1, time: '2026-11-02T01:30:00.000Z', actor: 'x', data }) as unknown as CaseEvent;

describe('integration: webhook kinds', () => {
  it('should name each kind once, in Chinese', () => {
    const kinds = WEBHOOK_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).to.equal(kinds.length);
    expect(WEBHOOK_KINDS.every((k) => /\p{Script=Han}/u.test(k.zh))).to.equal(true);
  });

  it('should give 受理, 补正告知 and 办结 their kinds', () => {
    expect(webhookKindOf(event('case.accepted'))?.zh).to.equal('受理');
    expect(webhookKindOf(event('case.correctionNoticed'))?.zh).to.equal('补正告知');
    expect(webhookKindOf(event('case.concluded'))?.kind).to.equal('case.concluded');
  });

  it('should tell 预警, 黄牌 and 红牌 apart by the signal’s level', () => {
    expect(webhookKindOf(event('alert.raised', { level: '预警' }))?.kind).to.equal('alert.warning');
    expect(webhookKindOf(event('alert.raised', { level: '黄牌' }))?.kind).to.equal('alert.yellow');
    expect(webhookKindOf(event('alert.raised', { level: '红牌' }))?.kind).to.equal('alert.red');
  });

  it('should NOT send the engine’s inner events (tokens, flows, variables)', () => {
    for (const type of ['flow.taken', 'element.activated', 'variables.set', 'job.created', 'timer.scheduled'])
      expect(webhookKindOf(event(type)), type).to.equal(null);
  });

  it('should find a kind by name, and nothing for an unknown one', () => {
    expect(webhookKind('alert.red')?.zh).to.equal('红牌');
    expect(webhookKind('case.nothing')).to.equal(undefined);
  });

  it('should give a 差评 (the rectification it opens) and its overdue rectification their kinds, in the rating’s stream', () => {
    const rating = (type: string) =>
      ({ type, v: 1, time: '2026-11-02T01:30:00.000Z', actor: 'x', data: {} }) as unknown as RatingEvent;
    expect(ratingWebhookKindOf(rating('rectification.opened'))?.zh).to.equal('差评');
    expect(ratingWebhookKindOf(rating('rectification.overdue'))?.kind).to.equal('rating.rectificationOverdue');
    expect(ratingWebhookKindOf(rating('rating.submitted'))).to.equal(null);
    expect(webhookKindOf(event('rectification.opened'))).to.equal(null);
    expect(ratingOfStream(ratingStream('r-1'))).to.equal('r-1');
    expect(ratingOfStream('case-1')).to.equal(null);
  });
});
