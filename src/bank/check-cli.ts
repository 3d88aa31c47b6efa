import { checkCampaignAgainstBank, loadCampaign } from '../config/campaign.ts';
import { loadEnv } from '../config/env.ts';
import { FileValidationError } from '../config/yaml-file.ts';
import { formatProblem } from './quality-bank.ts';
import { RULES } from './quality.ts';
import { loadQuestionBank } from './questions.ts';
import { loadOfficialsFile } from './officials.ts';
import { loadUnits } from './units.ts';

/**
 * `npm run questions:check [-- --strict]`: validates the question bank, unit lists and campaign. Exits 1 on errors
 * (the bot refuses such a bank) with file:line messages; with --strict also on warnings.
 */
const strict = process.argv.includes('--strict');
const env = loadEnv();
const rules = (severity: 'error' | 'warning') =>
  Object.entries(RULES)
    .filter(([, r]) => r.severity === severity)
    .map(([id]) => id)
    .join(', ');
console.log(`Lỗi (bot không chạy) / errors (the bot refuses the bank): ${rules('error')}`);
console.log(`Cảnh báo / warnings${strict ? ' (--strict: cũng là lỗi / fail too)' : ''}: ${rules('warning')}\n`);
try {
  const bank = loadQuestionBank(env.QUESTION_BANK_DIR);
  const units = loadUnits(env.QUESTION_BANK_DIR);
  const officials = loadOfficialsFile(env.QUESTION_BANK_DIR, units);
  checkCampaignAgainstBank(env.CAMPAIGN_FILE, loadCampaign(env.CAMPAIGN_FILE), bank.questions);
  console.log(`✓ ${bank.questions.length} câu hỏi / questions in ${bank.topics.length} chủ đề / topics:`);
  for (const t of bank.topics) console.log(`  ${t.id.padEnd(8)} ${String(bank.questions.filter((q) => q.topic === t.id).length).padStart(4)}  ${t.name}`);
  console.log(`✓ ${units.filter((u) => u.kind === 'commune').length} xã/thị trấn, ${units.filter((u) => u.kind === 'agency').length} cơ quan/đơn vị, ${officials.length} cán bộ đơn vị / unit officials`);
  console.log(`✓ ${env.CAMPAIGN_FILE}`);
  if (bank.warnings.length) {
    console.log(`\n⚠ ${bank.warnings.length} cảnh báo / warning(s):`);
    for (const w of bank.warnings) console.log(`  ${formatProblem(w)}`);
    if (strict) process.exit(1);
  } else {
    console.log('✓ không có cảnh báo / no warnings');
  }
} catch (err) {
  if (!(err instanceof FileValidationError)) throw err;
  console.error(err.message);
  process.exit(1);
}
