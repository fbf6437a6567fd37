// Placeholder until this page is built (issue 7 / 8).
import { startPage } from '../shared/shell.js';

startPage('guide', (shell) => {
  shell.main.textContent = '建设中';
}, { public: true });
