/**
 * `matterflow verify --materials DIR`: an auditor's offline check re-hashes the material files a
 * case filed, kept in a copy of the server's materials folder; a file changed there breaks its
 * case at the event that filed it.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LiveCalendar } from '../../../engine/calendar-store/index.js';
import { SettableClock } from '../../../engine/clock.js';
import { fileRules } from '../../../engine/materials/index.js';
import { FileStorage, intake } from '../../../engine/materials-store/index.js';
import { migrateLatest, openDatabase, openStore } from '../../../engine/store/index.js';
import { APPLICANT, FOOD_LICENCE } from '../../engine/domain/support.js';
import { samplePdf } from '../../support/material-files.js';
import { cli, tempDir, withoutStackTrace } from './cli-helpers.js';

describe('cli: matterflow verify --materials', function () {
  this.timeout(60_000);
  const dir = tempDir();
  const file = path.join(dir, 'audit.sqlite');
  const materials = path.join(dir, 'materials');
  let sha256 = '';

  before(async () => {
    const storage = await FileStorage.open(materials);
    const stored = await intake(storage, Readable.from([samplePdf()]), {
      material: { name: '营业执照' },
      rules: fileRules({}),
    });
    if (!stored.stored) throw new Error('not stored');
    sha256 = stored.file.sha256;
    const database = await openDatabase({ client: 'sqlite', filename: file });
    try {
      await migrateLatest(database);
      const calendar = await LiveCalendar.open(database.knex, { warn: () => undefined });
      const store = await openStore({ database, clock: new SettableClock('2026-09-29T02:00:00.000Z'), calendar });
      const bpmn = new URL('../../engine/domain/food-licence.bpmn', import.meta.url);
      await store.deploy(fs.readFileSync(bpmn, 'utf8'), { actor: 'admin' });
      await store.dispatch('case-files', {
        type: 'case.receive',
        actor: 'applicant-zhang',
        data: {
          caseId: 'case-files',
          processId: 'foodLicence',
          matter: FOOD_LICENCE,
          applicant: APPLICANT,
          channel: '网上',
          materials: {},
          form: {},
          files: [{ materialId: 'licence', fileName: '营业执照.pdf', ...stored.file }],
        },
      });
      await store.close();
    } finally {
      await database.close();
    }
  });

  it('should verify the files with --materials, and break the case at the event of a file changed in the folder', async () => {
    const clean = await cli(['verify', '--database', file, '--materials', materials, 'case-files']);
    expect(clean.code, clean.stderr).to.equal(0);
    expect(clean.stdout.trim()).to.equal('1 verified, 0 failed');

    const stored = path.join(materials, 'objects', sha256.slice(0, 2), sha256);
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, samplePdf(601));
    const broken = await cli(['verify', '--database', file, '--materials', materials, '--json', 'case-files']);
    expect(broken.code).to.equal(1);
    const [failure] = broken.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failure).to.include({ caseId: 'case-files', ok: false });
    expect(String(failure?.['reason'])).to.contain(`to hash to ${sha256}, but the stored file now hashes to`);
    // Without --materials the events alone still verify.
    expect((await cli(['verify', '--database', file, 'case-files'])).code).to.equal(0);
    expect(withoutStackTrace(broken)).to.equal(true);
  });

  it('should refuse a --materials folder that does not exist (usage error)', async () => {
    const run = await cli(['verify', '--database', file, '--materials', path.join(dir, 'nowhere'), 'case-files']);
    expect(run.code).to.equal(2);
  });
});
