/** 办事指南 (public, no login): the published matters (/guide) and one matter's guide (/guide/:code). */
import { startPage } from '../shared/shell.js';
import { renderGuide } from './guide-page.js';
import { renderGuideList } from './guide-list.js';
import './guide.css';

const code = /^\/guide\/([^/]+)\/?$/.exec(location.pathname)?.[1];

startPage('办事指南', (shell) => (code ? renderGuide(shell, decodeURIComponent(code)) : renderGuideList(shell)), {
  public: true,
});
