/**
 * 流程设计器 (/designer): the bpmn-js Modeler with the properties panel (BPMN + our gov group),
 * zh-CN throughout, live lint (bpmn-js-bpmnlint with engine/lint's rule set) and the toolbar:
 * 新建 from a template, 打开 a deployed version or a draft, 打开本地文件, 保存草稿, 发布新版本
 * (admin), 与上一版本比较, 下载 XML / SVG, 撤销 / 重做.
 *
 * Addresses: /designer?process=ID&version=N opens a deployed version, /designer?draft=ID a draft.
 */
import 'diagram-js/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeler.css';

import { startPage } from '../shared/shell.js';
import { ModelerPage } from './page.js';

startPage('流程设计器', async (shell) => {
  document.body.classList.add('mf-modeler-page');
  const page = new ModelerPage(shell);
  await page.start(new URLSearchParams(location.search));
});
