import { expect } from 'chai';
import { useWorkspace } from '../support/browser.js';

describe('Workspace: logging in (browser)', function () {
  this.timeout(120_000);
  const web = useWorkspace();

  it('a page behind login sends a stranger to the login page and back there after logging in', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/supervision'));
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).to.equal('/supervision');
    await page.getByLabel('用户名').fill('supervisor-sun');
    await page.getByLabel('密码').fill('supervisor-sun-密码-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/supervision');
    expect(await page.locator('.mf-user').textContent()).to.contain('监察人员');
  });

  it('a wrong password is refused in Chinese and the user stays on the login page', async () => {
    const page = await web.anonymousPage();
    await page.goto(web.url('/login'));
    await page.getByLabel('用户名').fill('window-li');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误').waitFor();
    expect(new URL(page.url()).pathname).to.equal('/login');
  });

  it('the navigation offers each role its own pages, and 退出 ends the session', async () => {
    const page = await web.loginAs('window-li');
    const links = await page.locator('.mf-nav a').allTextContents();
    expect(links).to.include.members(['待办', '收件', '办事指南']);
    expect(links).not.to.include.members(['审计', '监察', '事项']);
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(web.url('/worklist'));
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
