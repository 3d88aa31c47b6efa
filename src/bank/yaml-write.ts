import { Document, Scalar, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { QuestionFileData, RawQuestion } from './questions.ts';

// Free text is double-quoted (no YAML surprises with ":" or "#"), codes stay plain; the key order is fixed.
const QUOTED = new Set(['topic_name', 'document', 'text', 'options', 'explanation', 'source', 'source_url', 'longest_ok']);

function quoteTexts(node: Node | null, key?: string): void {
  if (isScalar(node) && key && QUOTED.has(key) && typeof node.value === 'string') node.type = Scalar.QUOTE_DOUBLE;
  if (isSeq(node)) for (const item of node.items) quoteTexts(item as Node, key);
  if (isMap(node)) for (const pair of node.items) quoteTexts(pair.value as Node, isScalar(pair.key) ? String(pair.key.value) : undefined);
}

function ordered(q: RawQuestion): RawQuestion {
  const { id, difficulty, text, options, correct, explanation, source, source_url, longest_ok } = q;
  return { id, difficulty, text, options, correct, explanation, source, ...(source_url ? { source_url } : {}), ...(longest_ok ? { longest_ok } : {}) };
}

/**
 * The one way a topic file is written (by the import and by hand-formatted files alike): the header comment,
 * topic metadata, then questions separated by a blank line. Same data in → same bytes out.
 */
export function serializeQuestionFile(header: readonly string[], data: QuestionFileData): string {
  const { topic, topic_name, document, sources_required } = data;
  const doc = new Document({ topic, topic_name, document, ...(sources_required !== undefined ? { sources_required } : {}), questions: data.questions.map(ordered) });
  quoteTexts(doc.contents);
  if (header.length && doc.contents) doc.contents.commentBefore = header.map((l) => (l ? ` ${l}` : '')).join('\n');
  const questions = doc.get('questions', true);
  if (isSeq(questions)) questions.items.forEach((item, i) => ((item as Node).spaceBefore = i > 0));
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
