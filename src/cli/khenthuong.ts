/**
 * `npm run khenthuong -- --out DIR`: writes DIR/de-nghi-khen-thuong.docx and .xlsx from the bot's database, with the
 * same environment, database and campaign as `npm start` (the demo database when nothing is configured).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { EnvError, loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { redactDatabaseUrl } from '../storage/db.ts';
import { PROPOSAL_FILES, renderProposal } from '../documents/proposal/proposal.ts';
import { viOperator } from '../messages/operator.ts';

async function run(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '.' } } });
  const out = resolve(values.out!);
  // chat: quiet logging, like the terminal chat (the output is for a person).
  const app = await createApp(loadEnv(), { chat: true });
  try {
    const files = await renderProposal(await app.services.awards.proposal());
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, PROPOSAL_FILES.docx), files.docx);
    writeFileSync(join(out, PROPOSAL_FILES.xlsx), files.xlsx);
    console.log(viOperator.proposal.written(files.summary, app.campaign.title, redactDatabaseUrl(app.databasePath)));
    console.log(`  ${join(out, PROPOSAL_FILES.docx)}\n  ${join(out, PROPOSAL_FILES.xlsx)}`);
  } finally {
    await app.close();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof FileValidationError || err instanceof EnvError ? viOperator.failed(err.message) : err);
  process.exit(1);
});
