/** 进度查询 (/progress, public, no login): a case's progress by its 办件编号 and the receipt's verification code. */
import { h, render } from 'preact';
import { startPage } from '../shared/shell.js';
import { Progress } from './progress-page.js';
import './progress.css';

startPage('进度查询', (shell) => render(h(Progress, { shell }), shell.main), { public: true });
