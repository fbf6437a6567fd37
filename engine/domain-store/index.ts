/** The 办件 domain with the catalogue: 收件 against a stored matter version. */
export { receiveApplication, ApplicationInvalidError, MatterNotFoundError, type Application } from './receive.js';
export { matterSnapshot } from './snapshot.js';
