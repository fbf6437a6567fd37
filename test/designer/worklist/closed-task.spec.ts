/**
 * A task page opened after its step was done (a bookmark, a notice, another tab): the officer
 * reads who did it and when, in Beijing time, and follows the link to the case (办件详情), where
 * the step that followed is open.
 */
import { expect } from 'chai';
import request from 'supertest';
import { FOOD_LICENCE_APPLICATION as food } from '../../support/applications.js';
import { useWorkspace } from '../support/browser.js';

interface CaseBody {
  caseId: string;
  number: string;
  tasks: Array<{ taskId: string; elementId: string; name: string | null }>;
}

describe('Workspace: a task page whose step is done (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();
  const as = (user: string) => ({ Authorization: `Bearer ${web.server.tokens[user]}` });

  it('a window officer opening the 受理 step after it was done reads who did it and when, and opens the case from there', async () => {
    // given a 食品经营许可 received at 09:30 Beijing time and accepted by window-li ten minutes later
    const received = (await request(web.server.app).post('/api/cases').set(as('window-li')).send(food).expect(201))
      .body as CaseBody;
    const acceptance = received.tasks.find((task) => task.elementId === 'windowAcceptance')!;
    web.server.clock.advance('PT10M');
    await request(web.server.app)
      .post(`/api/cases/${received.caseId}/operations`)
      .set(as('window-li'))
      .send({ operation: 'case.accept', data: { taskId: acceptance.taskId } })
      .expect(200);

    // when the officer opens the acceptance step's page again
    const page = await web.loginAs('window-li');
    await page.goto(web.url(`/worklist/tasks/${encodeURIComponent(acceptance.taskId)}`));

    // then the page says it was done, by whom and when, and links to the case by its 办件编号
    const gone = page.locator('.wl-task-gone');
    await gone.waitFor();
    expect(await gone.locator('p').first().textContent()).to.equal(
      `该任务「${acceptance.name}」已由 window-li 于 2026-11-02 09:40 办理完毕，属于办件 ${received.number}`,
    );
    const link = page.getByRole('link', { name: `查看办件 ${received.number}` });
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/worklist/cases/')), link.click()]);
    expect(new URL(page.url()).pathname).to.equal(`/worklist/cases/${encodeURIComponent(received.caseId)}`);
    await page.getByRole('heading', { name: new RegExp(`办件 ${received.number}`) }).waitFor();
    await page.getByRole('link', { name: '审查' }).waitFor();
  });
});
