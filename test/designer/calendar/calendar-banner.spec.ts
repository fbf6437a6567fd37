/**
 * The missing-year banner: in December with a case whose due date falls next year, an
 * administrator and a supervisor see it on every page (a window officer does not), with the
 * number of cases and a link to /calendar, where the administrator imports next year's notice
 * (holiday-cn) and the banner goes away. The clock is the test server's, never the wall clock.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION as food } from '../../support/applications.js';
import { useWorkspace } from '../support/browser.js';

const notice2027 = readFileSync(
  new URL('../../fixtures/calendar/holiday-cn-2027-sample.json', import.meta.url),
  'utf8',
);

describe('Workspace: next year’s calendar missing (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  const as = (user: string) => ({ Authorization: `Bearer ${web.server.tokens[user]}` });
  let number = '';
  before(async () => {
    web.server.clock.set('2026-12-21T02:00:00.000Z');
    const received = await request(web.server.app).post('/api/cases').set(as('window-li')).send(food).expect(201);
    number = received.body.number as string;
    await request(web.server.app)
      .post(`/api/cases/${received.body.caseId as string}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: received.body.tasks[0].taskId as string } })
      .expect(200);
  });

  it('a window officer sees no banner', async () => {
    const page = await web.loginAs('window-li');
    await page.locator('.wl-worklist').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('calendar-banner').count()).to.equal(0);
  });

  it('a supervisor sees the banner, with the case on the calendar page', async () => {
    const page = await web.loginAs('supervisor-sun');
    const banner = page.getByTestId('calendar-banner');
    await banner.waitFor();
    expect(await banner.textContent())
      .to.contain('2027 年节假日安排尚未导入')
      .and.contain('1 件办件');
    await banner.getByRole('link', { name: '导入节假日安排' }).click();
    await page.waitForURL((url) => url.pathname === '/calendar');
    await page.locator('.cal-missing[data-year="2027"]').getByText(number).waitFor();
    expect(await page.getByRole('form', { name: '导入节假日安排' }).count()).to.equal(0);
  });

  it('an administrator sees the banner, imports the 2027 notice on /calendar, and the banner goes', async () => {
    const page = await web.loginAs('admin');
    const banner = page.getByTestId('calendar-banner');
    await banner.waitFor();
    await banner.getByRole('link', { name: '导入节假日安排' }).click();
    await page.waitForURL((url) => url.pathname === '/calendar');
    await page.getByRole('textbox', { name: '内容' }).fill(notice2027);
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 2027 年节假日安排，1 件办件的到期日已重新计算').waitFor();
    await page.locator('.cal-years tr[data-year="2027"]').getByText('已导入').waitFor();
    expect(await page.getByTestId('calendar-banner').count()).to.equal(0);
    await page.goto(web.url('/audit'));
    await page.locator('.mf-audit-form').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('calendar-banner').count()).to.equal(0);
  });
});
