/**
 * The printable papers of a case: 收件回执 / 受理回执 (/papers/:caseId/receipt) and 办结通知书
 * (/papers/:caseId/result-notice), for the applicant and the officers who may read the case.
 * 打印 prints the paper alone (the browser's print dialog also saves it as PDF).
 */
import { h, render } from 'preact';
import { startPage } from '../shared/shell.js';
import { Receipt, ResultNotice } from './papers.js';
import './papers.css';

const match = /^\/papers\/([^/]+)\/(receipt|result-notice)\/?$/.exec(location.pathname);
const kind = match?.[2] ?? 'receipt';
startPage(kind === 'receipt' ? '回执' : '办结通知书', (shell) => {
  if (!match) throw new Error('no such paper');
  const caseId = decodeURIComponent(match[1]!);
  render(h(kind === 'receipt' ? Receipt : ResultNotice, { shell, caseId }), shell.main);
});
