/**
 * One verdict in the browser and on the server: every fixture file (the Camunda Modeler files and
 * the MIWG reference models) is opened as a local file, the verdict the 检查结果 panel gives it
 * is read, then it is published: the server refuses exactly the files the panel called refused,
 * with the findings the panel listed, all in Chinese.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { MIWG_DIR, REPO_ROOT } from '../../support/fixtures.js';
import { useWorkspace } from '../support/browser.js';
import { waitForDiagram } from './modeler-support.js';

const CAMUNDA = path.join(REPO_ROOT, 'test', 'fixtures', 'camunda');
const CJK = /[\u4e00-\u9fff]/;

/** Every fixture file: [label, path]. */
const FIXTURES: ReadonlyArray<readonly [string, string]> = [
  ...['c7', 'c8'].flatMap((dir) =>
    readdirSync(path.join(CAMUNDA, dir))
      .filter((file) => file.endsWith('.bpmn'))
      .sort()
      .map((file) => [`camunda/${dir}/${file}`, path.join(CAMUNDA, dir, file)] as const),
  ),
  ...readdirSync(MIWG_DIR)
    .filter((file) => file.endsWith('.bpmn'))
    .sort()
    .map((file) => [`miwg/${file}`, path.join(MIWG_DIR, file)] as const),
];

/** A file's bytes as the browser gets them (the page decodes by the declared encoding). */
const bytesOf = (file: string) => readFileSync(file);

/** The verdict once the panel has it for the diagram as it is: 'clean' or 'refused', with the summary text. */
async function settledVerdict(page: Page): Promise<{ verdict: string; summary: string }> {
  const summary = page.locator('[data-testid="issues-summary"]');
  await summary.and(page.locator('[data-verdict="clean"], [data-verdict="refused"]')).waitFor({ timeout: 20_000 });
  return { verdict: (await summary.getAttribute('data-verdict'))!, summary: (await summary.textContent()) ?? '' };
}

/** Every issue the panel lists: rule (from the data attribute), element, message and tooltip. */
async function listedIssues(page: Page) {
  return page.locator('.mf-issue').evaluateAll((buttons) =>
    buttons.map((button) => ({
      rule: button.getAttribute('data-rule') ?? '',
      elementId: button.getAttribute('data-element-id'),
      severity: button.querySelector('.mf-issue-severity')?.textContent ?? '',
      message: button.querySelector('.mf-issue-message')?.textContent ?? '',
      title: button.getAttribute('title') ?? '',
    })),
  );
}

describe('Modeler: one verdict with the server (browser)', function () {
  this.timeout(600_000);
  const web = useWorkspace();

  it('should publish every fixture file the panel calls clean and refuse every file it calls refused, with the findings it listed, in Chinese', async () => {
    const page = await web.loginAs('admin');
    await page.goto(web.url('/designer'));
    await waitForDiagram(page);
    expect(FIXTURES.length).to.equal(31);
    const verdicts: Record<string, string> = {};
    for (const [label, file] of FIXTURES) {
      // given the file opened as a local file
      await page.locator('input[type=file]').setInputFiles({
        name: path.basename(file),
        mimeType: 'application/xml',
        buffer: bytesOf(file),
      });
      await page.locator('[data-testid="modeler-status"][data-source-kind="file"]').waitFor();
      await page
        .locator('[data-testid="modeler-status"]')
        .filter({ hasText: path.basename(file) })
        .waitFor();
      // when the panel has its verdict
      const { verdict, summary } = await settledVerdict(page);
      const issues = await listedIssues(page);
      for (const issue of issues) {
        expect(issue.message, `${label} ${issue.rule}`).to.match(CJK);
        expect(issue.title, `${label} ${issue.rule}`).to.match(CJK).and.not.contain(issue.rule);
      }
      const errors = issues.filter((issue) => issue.severity === '错误');
      if (verdict === 'refused') expect(summary, label).to.contain('发布将被拒绝');
      else expect(errors, label).to.deep.equal([]);
      // then publishing answers the same
      const [answer] = await Promise.all([
        page.waitForResponse(
          (response) => response.url().endsWith('/api/definitions') && response.request().method() === 'POST',
        ),
        page.getByRole('button', { name: '发布新版本' }).click(),
      ]);
      const outcome = page.locator('[data-testid="publish-outcome"]');
      await outcome.and(page.locator('[data-outcome]')).waitFor();
      verdicts[label] = verdict;
      if (verdict === 'refused') {
        expect(answer.status(), label).to.equal(422);
        expect(await outcome.getAttribute('data-outcome'), label).to.equal('refused');
        const body = (await answer.json()) as {
          details: { findings: Array<{ rule: string; elementId: string | null; severity: string }> };
        };
        const refusing = body.details.findings.filter((finding) => finding.severity === 'error');
        expect(refusing.map((finding) => `${finding.rule} ${finding.elementId}`).sort(), label).to.deep.equal(
          errors.map((issue) => `${issue.rule} ${issue.elementId}`).sort(),
        );
      } else {
        expect(answer.status(), label).to.equal(201);
      }
    }
    // the files the issue names: three refused by the server that the old live lint called clean, and two that publish
    expect(verdicts).to.include({
      'camunda/c7/retry-example.bpmn': 'refused',
      'camunda/c7/xslt-example.bpmn': 'refused',
      'camunda/c7/job-announcement.bpmn': 'refused',
      'camunda/c7/invoice-approval.bpmn': 'clean',
      'camunda/c8/throw-error.bpmn': 'clean',
    });
  });
});
