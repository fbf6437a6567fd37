/**
 * The catalogue's 食品经营许可 (test/fixtures/matters/food-business-licence.*) deployed in a
 * TestEngine, and a complete application to it, for the domain-store specs' 收件.
 */
import { readFileSync } from 'node:fs';
import { deployMatter } from '../../../engine/matters-store/index.js';
import { TestEngine } from '../../support/test-engine.js';

const fixture = (name: string) => new URL(`../../fixtures/matters/${name}`, import.meta.url);

/** The matter as the catalogue takes it (its code is MATTER_CODE). */
export const MATTER = JSON.parse(readFileSync(fixture('food-business-licence.json'), 'utf8')) as Record<
  string,
  unknown
>;
export const MATTER_CODE = '330102-SJ-000105013';

export const FORM = {
  applicantName: '张三',
  idType: '居民身份证',
  idNumber: '330102199001011234',
  businessAddress: '杭州市上城区某某路1号',
};
export const APPLICANT = { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' };
/** Every material handed in. */
export const ALL_MATERIALS = {
  application: true,
  'business-licence': true,
  'id-card': true,
  'premises-layout': true,
  'safety-rules': true,
};

/** A TestEngine (working calendar on, clock at `start`) with the matter's process and the matter deployed. */
export async function foodLicenceEngine(start: string): Promise<TestEngine> {
  const engine = await TestEngine.create({ start, calendar: true });
  await engine.deploy(readFileSync(fixture('food-business-licence.bpmn'), 'utf8'));
  await deployMatter(engine.store.database.knex, MATTER, { actor: 'admin' });
  return engine;
}
