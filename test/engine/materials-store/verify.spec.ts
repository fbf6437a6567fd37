/**
 * Verification re-hashes the material files: a case whose `material.filed` events carry the
 * files' sha256 verifies while the stored files are intact, and breaks at the event of a file
 * changed on disk (SQLite and PostgreSQL).
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { LiveCalendar } from '../../../engine/calendar-store/index.js';
import { SettableClock } from '../../../engine/clock.js';
import { fileRules } from '../../../engine/materials/index.js';
import { FileStorage, fileCheck, intake } from '../../../engine/materials-store/index.js';
import { migrateLatest, openStore, type Store } from '../../../engine/store/index.js';
import { APPLICANT, FOOD_LICENCE } from '../domain/support.js';
import { samplePdf, samplePng } from '../../support/material-files.js';
import { openTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('engine/materials-store: verify re-hashes the files a case filed', () => {
  let db: TestDatabase;
  let root: string;
  let storage: FileStorage;
  let store: Store;
  beforeEach(async () => {
    db = await openTestDatabase();
    await migrateLatest(db.database);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-verify-'));
    storage = await FileStorage.open(root);
    const calendar = await LiveCalendar.open(db.database.knex, { warn: () => undefined });
    store = await openStore({
      database: db.database,
      clock: new SettableClock('2026-09-29T02:00:00.000Z'),
      calendar,
      materialFiles: fileCheck(storage),
    });
    const bpmn = fileURLToPath(new URL('../domain/food-licence.bpmn', import.meta.url));
    await store.deploy(fs.readFileSync(bpmn, 'utf8'), { actor: 'admin' });
  });
  afterEach(async () => {
    await store.close();
    await db.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function filed(bytes: Buffer, materialId: string, fileName: string) {
    const result = await intake(storage, Readable.from([bytes]), {
      material: { name: materialId },
      rules: fileRules({}),
    });
    if (!result.stored) throw new Error('not stored');
    return { materialId, fileName, ...result.file };
  }

  it('should verify a case whose files are intact, and break at the event of a file changed on disk', async () => {
    const licence = await filed(samplePdf(), 'licence', '营业执照.pdf');
    const idCard = await filed(samplePng(), 'idCard', '身份证.png');
    const { events } = await store.dispatch('c1', {
      type: 'case.receive',
      actor: 'applicant-zhang',
      data: {
        caseId: 'c1',
        processId: 'foodLicence',
        matter: FOOD_LICENCE,
        applicant: APPLICANT,
        channel: '网上',
        materials: {},
        form: {},
        files: [licence, idCard],
      },
    });
    expect(await store.verify('c1')).to.deep.equal({ ok: true });

    // Someone changes the ID card's file where it is kept.
    const file = storage.pathOf(idCard.sha256);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, samplePng([0, 0, 0]));
    const all = await store.getEvents('c1');
    const seq = all.findIndex((e) => e.type === 'material.filed' && e.data.materialId === 'idCard') + 1;
    expect(seq).to.be.greaterThan(0);
    expect(events.some((e) => e.type === 'material.filed')).to.equal(true);
    const verdict = await store.verify('c1');
    expect(verdict).to.deep.include({ ok: false, brokenAtSeq: seq });
    expect(verdict.ok === false && verdict.reason).to.contain(
      `Expected the file of material idCard (version 1, 身份证.png) to hash to ${idCard.sha256}, but the stored file now hashes to ${createHash(
        'sha256',
      )
        .update(samplePng([0, 0, 0]))
        .digest('hex')}`,
    );

    // Removed altogether.
    fs.rmSync(file);
    expect(await store.verify('c1')).to.deep.include({ ok: false, brokenAtSeq: seq });
  });
});
