import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { viOperator } from '../messages/operator.ts';

/** A human-editable file that is wrong; every problem names file, line and field. */
export class FileValidationError extends Error {
  override name = 'FileValidationError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(viOperator.file.problems(file, problems.length, problems.map((p) => `  ${p}`).join('\n')));
  }
}

/** "file:12: questions[3].options: Too small…" for each zod issue, with the line of the offending YAML node. */
function describeIssues(file: string, doc: ReturnType<typeof parseDocument>, lines: LineCounter, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    let node: unknown;
    for (let n = path.length; n >= 0 && !isNode(node); n--) node = doc.getIn(path.slice(0, n), true);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const line = lines.linePos(offset).line;
    const field = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./u, '') || '(file)';
    return `${file}:${line}: ${field}: ${issue.message}`;
  });
}

/** Reads and validates a YAML file; throws FileValidationError with file:line-precise messages. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): { value: z.output<S>; lineOf: (path: (string | number)[]) => number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileValidationError(file, [viOperator.file.cannotRead(file, (err as Error).message)]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new FileValidationError(
      file,
      doc.errors.map((e) => `${file}:${lines.linePos(e.pos[0]).line}: YAML: ${e.message.split('\n')[0]}`),
    );
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) throw new FileValidationError(file, describeIssues(file, doc, lines, parsed.error.issues));
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    return isNode(node) && node.range ? lines.linePos(node.range[0]).line : 0;
  };
  return { value: parsed.data, lineOf };
}

/** The line of the YAML node at `path` in `file` (1 when it cannot be found), for checks made after loading. */
export function yamlLineOf(file: string, path: (string | number)[]): number {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  let node: unknown;
  for (let n = path.length; n >= 0 && !isNode(node); n--) node = doc.getIn(path.slice(0, n), true);
  return lines.linePos(isNode(node) && node.range ? node.range[0] : 0).line;
}
