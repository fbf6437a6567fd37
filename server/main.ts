/**
 * `npm start`: migrate the database, seed the working-day calendar, start the timer poller,
 * then serve. SIGTERM/SIGINT stop taking requests, let the command in flight finish, stop the
 * poller and close the database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { LiveCalendar } from '../engine/calendar-store/index.js';
import { SettableClock, systemClock } from '../engine/clock.js';
import { jobsOf, PeriodicSweep } from '../engine/jobs/index.js';
import { openRatings } from '../engine/ratings-store/index.js';
import { createStore, migrateLatest, openDatabase } from '../engine/store/index.js';
import { configureModelLimits } from '../engine/model/index.js';
import { parseSupervisionConfig } from '../engine/supervision/index.js';
import { PERSONAL_DATA_REDACTION } from '../engine/matters/index.js';
import { loadShippedMatters } from '../processes/index.js';
import { createApp } from './app.js';
import { redactError } from './http/log-redaction.js';
import { countUsers, createUser } from '../engine/users-store/index.js';
import { serverConfigFromEnv } from './config.js';
import { idempotencyOptions } from './http/idempotency-config.js';
import { ExternalTasks, JobWakeups, wakeOnJobs, WebhookDispatcher } from '../engine/integration-store/index.js';
import { integrationConfigFromEnv } from './integration-config.js';
import { engineWithModels, ModelWorkers } from './workers/index.js';
import { fileCheck, openMaterialStorage } from '../engine/materials-store/index.js';
import { materialsConfigFromEnv } from './materials-config.js';

const config = serverConfigFromEnv();
const integrationConfig = integrationConfigFromEnv();
const materialsConfig = materialsConfigFromEnv();
// 证件号码 and other personal data never reach the logs in clear (nor inside error messages).
const logger = pino({
  level: config.logLevel,
  name: 'matterflow',
  redact: PERSONAL_DATA_REDACTION,
  serializers: { err: redactError },
});
const db = await openDatabase(config.database);
const applied = await migrateLatest(db);
if (applied.length > 0) logger.info({ applied }, 'migrations applied');

const calendar = await LiveCalendar.open(db.knex, {
  warn: (warning) => logger.warn({ calendar: warning }, warning.message),
});
// The centre's 电子监察 rules; a case received under a matter version with its own rules (the matter
// file's `supervision`) keeps and counts with those instead (engine/case).
const supervision = parseSupervisionConfig(JSON.parse(readFileSync(config.supervisionRules, 'utf8')) as unknown);
// MATTERFLOW_TEST_CLOCK=1 (testing only): business time moves only through POST /api/test/clock.
const testClock = config.testClock ? new SettableClock(new Date()) : undefined;
if (testClock)
  logger.warn(
    'MATTERFLOW_TEST_CLOCK=1: the clock is a test clock (POST /api/test/clock); never use this in production',
  );
// BPMN is parsed, compiled and linted in worker threads, never on the event loop; past the element limit it is refused unparsed.
configureModelLimits({ maxXmlElements: config.models.maxElements });
const models = await ModelWorkers.start({
  size: config.models.workers,
  queueLimit: config.models.queueLimit,
  limits: { maxXmlElements: config.models.maxElements },
  onWorkerError: (error) => logger.error({ err: error }, 'a model worker died and was replaced'),
});
// Applicants' material files: content-addressed in the data directory or S3-compatible storage; verify re-hashes them.
const materialStorage = await openMaterialStorage(materialsConfig.storage);
// External task workers' long polls wake when a command run here makes a task available.
const wakeups = new JobWakeups();
const store = wakeOnJobs(
  await createStore(
    { database: db, clock: testClock ?? systemClock, calendar, supervision, materialFiles: fileCheck(materialStorage) },
    engineWithModels(models),
  ),
  wakeups,
);
const externalTasks = new ExternalTasks(store, { wakeups, pollIntervalMs: integrationConfig.longPollIntervalMs });
// Webhooks: the outbox the commands write is fanned out and sent every second (several processes share it by leases).
const webhookDispatcher = new WebhookDispatcher(store, {
  retry: integrationConfig.webhookRetry,
  timeoutMs: integrationConfig.webhookTimeoutMs,
});
const webhooks = integrationConfig.webhooks
  ? new PeriodicSweep('webhooks', () => webhookDispatcher.tick(), {
      schedule: '* * * * * *',
      onError: (error) => logger.error({ err: error }, 'sending webhooks failed'),
    })
  : null;
if ((await store.listDefinitions()).length === 0) {
  const shipped = await loadShippedMatters(store, db.knex, { actor: 'system' });
  logger.info({ shipped }, 'empty database: the shipped matters were loaded');
}
const poller = config.poller
  ? jobsOf(store).createPoller({
      onError: (error, job) => logger.error({ err: error, jobId: job?.jobId }, 'job failed'),
    })
  : null;
await poller?.start();
// 差评 rectifications past their deadline are marked overdue every five minutes (and now).
const ratings = openRatings(db.knex, { clock: testClock ?? systemClock, calendar });
const rectifications = config.poller
  ? new PeriodicSweep('rectifications-overdue', () => ratings.markOverdue(), {
      schedule: '0 */5 * * * *',
      onError: (error) => logger.error({ err: error }, 'marking overdue rectifications failed'),
    })
  : null;
const overdue = await rectifications
  ?.start()
  .catch((error: unknown) => (logger.error({ err: error }, 'marking overdue rectifications failed'), []));
if (overdue && overdue.length > 0) logger.info({ ratings: overdue }, 'rectifications marked overdue');
// Not awaited: a slow receiver does not hold up the start.
void webhooks?.start().catch((error: unknown) => logger.error({ err: error }, 'sending webhooks failed'));

if ((await countUsers(db.knex)) === 0) {
  const password = randomBytes(12).toString('base64url');
  const { token } = await createUser(
    db.knex,
    { id: 'admin', name: '系统管理员', roles: ['admin'], password },
    { actor: 'system', at: new Date().toISOString() },
  );
  // Shown once: only their hashes are stored.
  process.stdout.write(
    `\nFirst start: an administrator was created.\n  user: admin\n  password: ${password}   (log in at /login; change it with: matterflow user password admin)\n  API token: ${token}\n  use it as: Authorization: Bearer ${token}\n\n`,
  );
}

const server = createApp({
  db,
  store,
  logger,
  calendar,
  ...config.http,
  idempotency: idempotencyOptions(config.idempotency, logger),
  models,
  integration: { externalTasks },
  materials: {
    storage: materialStorage,
    maxFileMb: materialsConfig.maxFileMb,
    progressRateLimit: materialsConfig.progressRateLimit,
  },
  ...(testClock ? { testClock } : {}),
}).listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { database: db.dialect, poller: Boolean(poller) },
    `Matterflow listening on http://${config.host}:${port} (workspace: /login, designer: /designer, 办事指南: /guide; API: /api/docs, /api/openapi.json; health: /healthz, readiness: /readyz)`,
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Long polls answer now (with nothing), so the requests in flight are only commands.
  externalTasks.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await rectifications?.stop();
  await webhooks?.stop();
  await poller?.stop();
  await store.close();
  await models.close();
  await db.close();
  logger.info('stopped');
}
process.on(
  'SIGTERM',
  () =>
    void shutdown('SIGTERM').then(
      () => process.exit(0),
      (error: unknown) => (logger.error({ err: error }, 'shutdown failed'), process.exit(1)),
    ),
);
process.on(
  'SIGINT',
  () =>
    void shutdown('SIGINT').then(
      () => process.exit(0),
      (error: unknown) => (logger.error({ err: error }, 'shutdown failed'), process.exit(1)),
    ),
);
