/** 电子监察 (supervisors): the board of open signals, handling statistics and 差评 rectifications. */
import { startPage } from '../shared/shell.js';
import { renderBoard } from './board.js';
import './board.css';

startPage('电子监察', (shell) => renderBoard(shell));
