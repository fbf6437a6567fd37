/**
 * The matter catalogue's table over knex (`matters`); the rules are engine/matters. Public API:
 * `deployMatter` (validates, checks the matter against its process, and stores a new version;
 * unchanged content is not one), the queries (`getMatter`, `listMatters`, `listMatterVersions`)
 * and `matterHash`.
 */
export {
  deployMatter,
  MatterProcessNotDeployedError,
  type DeployMatterOptions,
  type DeployedMatter,
} from './deploy.js';
export { getMatter, listMatters, listMatterVersions } from './queries.js';
export { matterHash, type StoredMatter } from './rows.js';
