import { checkCampaignAgainstBank, loadCampaign } from '../config/campaign.ts';
import { loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { loadQuestionBank } from './questions.ts';
import { loadUnits } from './units.ts';

/** `npm run questions:check`: validates the question bank, unit lists and campaign; exits 1 with file:line errors. */
const env = loadEnv();
try {
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  const units = loadUnits(env.QUESTION_BANK_DIR);
  checkCampaignAgainstBank(env.CAMPAIGN_FILE, loadCampaign(env.CAMPAIGN_FILE), bank.questions);
  console.log(`✓ ${bank.questions.length} câu hỏi / questions in ${bank.topics.length} chủ đề / topics:`);
  for (const t of bank.topics) console.log(`  ${t.id.padEnd(8)} ${String(bank.questions.filter((q) => q.topic === t.id).length).padStart(4)}  ${t.name}`);
  console.log(`✓ ${units.filter((u) => u.kind === 'commune').length} xã/thị trấn, ${units.filter((u) => u.kind === 'agency').length} cơ quan/đơn vị`);
  console.log(`✓ ${env.CAMPAIGN_FILE}`);
} catch (err) {
  if (!(err instanceof FileValidationError)) throw err;
  console.error(err.message);
  process.exit(1);
}
