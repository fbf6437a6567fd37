/**
 * Every BPMN execution scenario played through the store on a real database (SQLite, or
 * PostgreSQL with MATTERFLOW_TEST_DB=postgres): after each expectation the hash chain of every
 * case verifies and replay(events) deep-equals the stored state.
 */
import path from 'node:path';
import { StoreDriver } from '../../support/store-driver.js';
import { loadScenarios, playScenario, scenarioFolders } from '../../support/scenarios.js';

describe(`BPMN semantics scenarios (store, ${process.env.MATTERFLOW_TEST_DB ?? 'sqlite'})`, () => {
  for (const dir of scenarioFolders()) {
    describe(path.relative(process.cwd(), dir) || dir, () => {
      for (const scenario of loadScenarios([dir])) {
        it(`${scenario.id}: ${scenario.title}`, async () => {
          const driver = await StoreDriver.create();
          try {
            await playScenario(driver, scenario);
          } finally {
            await driver.close();
          }
        });
      }
    });
  }
});
