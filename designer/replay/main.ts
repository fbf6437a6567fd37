/**
 * 办件回放 (/audit/cases/:caseId): auditors, supervisors and administrators replay one case on
 * the diagram of the version it ran (?seq=N keeps the event shown); ?view=print is its printable
 * history. Read-only: the page offers nothing that changes the case.
 */
import 'diagram-js/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './replay.css';
import { h, render } from 'preact';
import { api } from '../shared/api.js';
import { startPage } from '../shared/shell.js';
import { PrintView } from './print-view.js';
import { ReplayPage } from './replay-page.js';
import type { CaseExport, Timeline, Verification } from './types.js';

startPage('办件回放', async (shell) => {
  const caseId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
  const params = new URLSearchParams(location.search);
  const base = `/api/audit/cases/${encodeURIComponent(caseId)}`;
  if (params.get('view') === 'print') {
    document.body.classList.add('mf-print-page');
    document.title = `办件历史记录 ${caseId} · Matterflow 政务服务`;
    const exported = await api<CaseExport>(`${base}/export`);
    render(h(PrintView, { exported, printedAt: new Date() }), shell.main);
    return;
  }
  document.body.classList.add('mf-replay-page');
  shell.main.textContent = '正在加载办件历史…';
  const [timeline, verification] = await Promise.all([
    api<Timeline>(`${base}/timeline`),
    api<Verification>(`${base}/verification`),
  ]);
  let xml: string | null = null;
  if (timeline.definition) {
    const definition = await api<{ xml: string; hash: string }>(
      `/api/definitions/${encodeURIComponent(timeline.definition.processId)}/versions/${timeline.definition.version}/xml`,
    );
    xml = definition.hash === timeline.definition.hash ? definition.xml : null;
  }
  const seq = Number(params.get('seq'));
  shell.main.textContent = '';
  render(
    h(ReplayPage, {
      timeline,
      verification,
      xml,
      initialSeq: Number.isInteger(seq) && seq > 0 ? seq : null,
      onError: (message: string) => shell.notify(message, 'error'),
    }),
    shell.main,
  );
});
