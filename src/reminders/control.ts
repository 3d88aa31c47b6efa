/** What the bot side needs from reminders: which channels reminders reach, and a way to start a run now. */
export interface ReminderControl {
  readonly channels: readonly string[];
  /** Asks a worker to fan the run out. False when Redis did not answer in time: the run stays "requested" in the
   * database and the next sweep (every 5 minutes, and on reconnect) starts it. */
  kick(campaignId: string, runId: string): Promise<boolean>;
}
