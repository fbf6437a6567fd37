/** `/`: signed in, go to the user's first page; otherwise to the public 办事指南 (with 登录 at the top). */
import { currentSession } from '../shared/session.js';
import { homeFor } from '../shared/shell.js';

const session = currentSession();
location.replace(session ? homeFor(session.user) : '/guide');
