/**
 * Every BPMN execution scenario (shared/fixtures/semantics and $MATTERFLOW_SCENARIOS), played
 * on the pure runtime in memory; after each expectation, replay must equal the state.
 */
import { MemoryDriver } from '../../support/memory-driver.js';
import { loadScenarios, playScenario } from '../../support/scenarios.js';

describe('BPMN semantics scenarios (runtime, in memory)', () => {
  for (const scenario of loadScenarios()) {
    it(`${scenario.id}: ${scenario.title}`, async () => {
      await playScenario(new MemoryDriver(), scenario);
    });
  }
});
