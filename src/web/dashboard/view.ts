import type { WebOfficial } from '../../services/web-sessions.ts';
import type { WebContext } from '../context.ts';

/** What a dashboard page is drawn from: the web's context and who is signed in (their role as of this request). */
export interface DashboardView {
  ctx: WebContext;
  official: WebOfficial;
  /** The CSRF token of this session's forms. */
  csrf: string;
}
