/**
 * The applicants' bundle: 网上申报 (/apply, /apply/:code), 我的办件 (/my-cases,
 * /my-cases/:caseId), 补正 (/my-cases/:caseId/correction) and 评价 (/my-cases/:caseId/rating),
 * one bundle routing on location.pathname.
 */
import { h, render } from 'preact';
import { startPage } from '../shared/shell.js';
import { ApplyForm } from './apply-form.js';
import { ApplyList } from './apply-list.js';
import { CaseDetail } from './case-detail.js';
import { Correction } from './correction.js';
import { MyCases } from './my-cases.js';
import { Rating } from './rating.js';
import '../worklist/worklist.css';
import './applicant.css';

const path = location.pathname.replace(/\/+$/, '');
const apply = /^\/apply\/([^/]+)$/.exec(path);
const oneCase = /^\/my-cases\/([^/]+)(?:\/(correction|rating))?$/.exec(path);
const id = (match: RegExpExecArray) => decodeURIComponent(match[1]!);
const title = apply
  ? '网上申报'
  : oneCase
    ? oneCase[2] === 'correction'
      ? '补正材料'
      : oneCase[2] === 'rating'
        ? '评价'
        : '办件详情'
    : path === '/my-cases'
      ? '我的办件'
      : '网上申报';

startPage(title, (shell) => {
  const notice = sessionStorage.getItem('applicant.notice');
  if (notice) {
    sessionStorage.removeItem('applicant.notice');
    shell.notify(notice, 'success');
  }
  if (apply) {
    const draft = new URLSearchParams(location.search).get('draft');
    render(h(ApplyForm, { shell, code: id(apply), draftId: draft }), shell.main);
  } else if (oneCase) {
    const page = oneCase[2] === 'correction' ? Correction : oneCase[2] === 'rating' ? Rating : CaseDetail;
    render(h(page, { shell, caseId: id(oneCase) }), shell.main);
  } else if (path === '/my-cases') render(h(MyCases, { shell }), shell.main);
  else render(h(ApplyList, { shell }), shell.main);
});
