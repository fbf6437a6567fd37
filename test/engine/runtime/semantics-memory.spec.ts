/**
 * Every BPMN execution scenario - test/fixtures/semantics, test/fixtures/scenarios and
 * $MATTERFLOW_SCENARIOS - played on the pure runtime in memory; after each expectation,
 * replay must equal the state.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MemoryDriver } from '../../support/memory-driver.js';
import { loadScenarios, playScenario, scenarioFolders } from '../../support/scenarios.js';

describe('BPMN semantics scenarios (runtime, in memory)', () => {
  for (const dir of scenarioFolders()) {
    describe(path.relative(process.cwd(), dir) || dir, () => {
      const scenarios = loadScenarios([dir]);

      it('should name each scenario after its file, beside an existing .bpmn', () => {
        for (const scenario of scenarios) {
          expect(existsSync(path.join(dir, `${scenario.id}.json`)), `${scenario.id}.json`).to.equal(true);
          expect(existsSync(path.join(dir, scenario.bpmn)), scenario.bpmn).to.equal(true);
        }
      });

      for (const scenario of scenarios) {
        it(`${scenario.id}: ${scenario.title}`, async () => {
          await playScenario(new MemoryDriver(), scenario);
        });
      }
    });
  }
});
