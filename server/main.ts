/**
 * `npm start`: migrate the database, then serve. SIGTERM/SIGINT stop taking requests, let the
 * request in flight finish, and close the database.
 */
import { pino } from 'pino';
import { migrateLatest, openDatabase } from '../engine/store/index.js';
import { createApp } from './app.js';
import { serverConfigFromEnv } from './config.js';

const config = serverConfigFromEnv();
const logger = pino({ level: config.logLevel, name: 'matterflow' });
const db = await openDatabase(config.database);
const applied = await migrateLatest(db);
if (applied.length > 0) logger.info({ applied }, 'migrations applied');

const server = createApp({ db, logger }).listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ database: db.dialect }, `Matterflow listening on http://${config.host}:${port} (health: /healthz, readiness: /readyz)`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    db.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'closing the database failed');
        process.exit(1);
      },
    );
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
