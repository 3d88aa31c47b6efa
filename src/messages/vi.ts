/**
 * Every Vietnamese text the bot says, shared by all channels, one file per part of the app (this file assembles them).
 * Functions take plain values (already formatted dates) so that these files hold wording only. Texts that name a unit
 * level take the campaign's labels (`l`): "xã, thị trấn" in 2023, "xã, phường" since 1/7/2025.
 *
 * `vi` is the citizens' dialogue (dialogue.ts), the district officials' commands (admin.ts) and the channels' own lines
 * (channels.ts) under one name; the other parts keep their own names (`viReminders`, `viWeb`…).
 */
import { viAdmin } from './admin.ts';
import { viChannels } from './channels.ts';
import { viDialogue } from './dialogue.ts';

export const vi = { ...viDialogue, ...viAdmin, ...viChannels } as const;

export { OPTION_LETTERS } from './dialogue.ts';
export { viReminders } from './reminders.ts';
export { viDownloads } from './downloads.ts';
export { viProposal } from './proposal.ts';
export { viWeb } from './web.ts';
export { viDashboard } from './dashboard.ts';
export { viWebQuiz } from './web-quiz.ts';
export { viWebDoor } from './web-door.ts';
export { viLinkAccounts } from './link-accounts.ts';
export { viMiniApp } from './mini-app.ts';
export { viOfficials } from './officials.ts';
export { viRounds } from './rounds.ts';
export { viLinksDoc } from './links-doc.ts';
export { viQuestionBank } from './question-bank.ts';
export { viIntegrity } from './integrity.ts';
