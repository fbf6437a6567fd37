/** The matter catalogue's persistence (table `matters`): deploy versions, read them back. */
export { deployMatter, MatterProcessNotDeployedError, type DeployMatterOptions, type DeployedMatter } from './deploy.js';
export { getMatter, listMatters, listMatterVersions } from './queries.js';
export { matterHash, type StoredMatter } from './rows.js';
