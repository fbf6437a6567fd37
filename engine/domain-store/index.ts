/**
 * The 办件 domain with the catalogue's tables: `receiveApplication` (收件 against the stored
 * matter version, its form validated, its 办件编号 drawn: `drawCaseNumber`) and `matterSnapshot` (the part of a matter version a case
 * keeps). The rules are engine/domain; this is their public API over knex.
 */
export { receiveApplication, ApplicationInvalidError, MatterNotFoundError, type Application } from './receive.js';
export { matterSnapshot } from './snapshot.js';
export { drawCaseNumber } from './case-numbers.js';
