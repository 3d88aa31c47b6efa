import type { Logger } from 'pino';
import type { Unit } from '../core/types.ts';
import type { ReminderControl } from '../reminders/control.ts';
import type { QuizDeps } from '../services/quiz.ts';

/** What the conversation needs: the quiz service's dependencies plus the unit lists and a logger. */
export interface ConversationDeps extends QuizDeps {
  units: readonly Unit[];
  log: Logger;
  /** Set by startReminders; absent in the local chat (no Redis needed there). */
  reminders?: ReminderControl;
}
