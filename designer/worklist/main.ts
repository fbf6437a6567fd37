// Placeholder until this page is built (issue 7 / 8).
import { startPage } from '../shared/shell.js';

startPage('worklist', (shell) => {
  shell.main.textContent = '建设中';
});
