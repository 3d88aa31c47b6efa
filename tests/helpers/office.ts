import JSZip from 'jszip';

/** The text of one entry of an Office file (.docx/.xlsx are zip archives of XML). */
export async function zipEntry(file: Buffer, path: string): Promise<string> {
  const entry = (await JSZip.loadAsync(file)).file(path);
  if (!entry) throw new Error(`${path} not in the archive`);
  return entry.async('string');
}

const decode = (s: string) => s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');
const all = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'gu')) ?? [];

/** A paragraph's text (its runs joined). */
const paragraphText = (p: string) => decode((p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/gu) ?? []).map((t) => t.replace(/<[^>]+>/gu, '')).join(''));

/** word/document.xml as text: one line per paragraph. */
export function docxText(xml: string): string {
  return all(xml, 'w:p').map(paragraphText).join('\n');
}

/** Every table of word/document.xml (no nested tables) as rows of cells, a cell's paragraphs joined by "\n". */
export function docxTables(xml: string): string[][][] {
  return all(xml, 'w:tbl').map((t) => all(t, 'w:tr').map((r) => all(r, 'w:tc').map((c) => all(c, 'w:p').map(paragraphText).join('\n'))));
}
