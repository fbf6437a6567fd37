import { expect } from 'chai';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replay, type CaseState, type RecordedEvent } from '../../../engine/case/index.js';
import { checkChain, type ChainedEvent } from '../../../engine/store/hash-chain.js';

/** The frozen logs of test/fixtures/logs (README.md there): replayed by today's code, forever. */
const dir = fileURLToPath(new URL('../../fixtures/logs/', import.meta.url));

interface RecordedLog {
  readonly process: string;
  readonly case: string;
  readonly cases: ReadonlyArray<{
    readonly caseId: string;
    readonly events: ReadonlyArray<{ seq: number; prevHash: string; hash: string; event: RecordedEvent }>;
    readonly state: CaseState;
  }>;
}

const files = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('recorded logs (test/fixtures/logs) replay with today’s code', () => {
  it('should hold several cases of every shipped process, and a log of task.completed v1', () => {
    for (const process of ['food-licence', 'construction-permit', 'minimum-living-allowance', 'business-startup']) {
      expect(files.filter((name) => name.startsWith(`${process}.`)).length, process).to.be.at.least(3);
    }
    expect(files).to.include('food-licence.task-completed-v1.json');
  });

  for (const file of files) {
    const log = JSON.parse(fs.readFileSync(`${dir}${file}`, 'utf8')) as RecordedLog;
    describe(file, () => {
      for (const recorded of log.cases) {
        it(`should replay case ${recorded.caseId} to its recorded state, on an unbroken hash chain`, () => {
          // given the events as the database stored them
          const chain = checkChain(recorded.caseId, recorded.events as unknown as ChainedEvent[]);
          expect(chain, 'hash chain').to.deep.equal({ ok: true });
          // when they are replayed
          const state = replay(recorded.events.map((entry) => structuredClone(entry.event)));
          // then the state is the one recorded
          expect(state).to.deep.equal(recorded.state);
        });
      }
    });
  }

  it('should upcast task.completed v1 on read: the v1 log replays to the state of its v2 original', () => {
    const read = (name: string) => JSON.parse(fs.readFileSync(`${dir}${name}`, 'utf8')) as RecordedLog;
    const v1 = read('food-licence.task-completed-v1.json').cases[0]!;
    const v2 = read('food-licence.concluded.json').cases[0]!;
    expect(
      v1.events.some(
        ({ event }) => event.type === 'task.completed' && event.v === 1 && !('opinion' in (event.data as object)),
      ),
    ).to.equal(true);
    expect(replay(v1.events.map(({ event }) => event))).to.deep.equal(replay(v2.events.map(({ event }) => event)));
  });

  it('should NOT replay an event of an unknown version: the error names the case, seq, type and v', () => {
    const events = JSON.parse(fs.readFileSync(`${dir}food-licence.refused.json`, 'utf8')).cases[0].events.map(
      (entry: { event: RecordedEvent }) => entry.event,
    ) as RecordedEvent[];
    const at = events.findIndex((event) => event.type === 'element.activated');
    events[at] = { ...events[at]!, v: 9 };
    expect(() => replay(events)).to.throw(
      `Unknown version v9 of event element.activated at case food-licence-refused, seq ${at + 1}`,
    );
    events[at] = { ...events[at]!, type: 'element.teleported', v: 1 };
    expect(() => replay(events)).to.throw(
      `Unknown event type element.teleported (v1) at case food-licence-refused, seq ${at + 1}`,
    );
  });
});
