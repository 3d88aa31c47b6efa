import type { IncomingMessage } from 'node:http';

/** One uploaded file of a multipart request (sendDocument, sendPhoto). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string | undefined;
  content: Buffer;
}

export interface ParsedParams {
  params: Record<string, unknown>;
  files: UploadedFile[];
}

/** Reads the whole body (the fake trusts its clients; tests send small bodies). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Fields that Bot API clients send JSON-encoded inside form bodies.
const JSON_FIELDS = new Set(['reply_markup', 'allowed_updates', 'commands', 'scope', 'entities', 'caption_entities', 'link_preview_options']);

function coerce(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** Parameters as the Bot API accepts them: query string, JSON, urlencoded or multipart/form-data. */
export function parseParams(url: URL, contentType: string | undefined, body: Buffer): ParsedParams {
  const params: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) params[k] = coerce(k, v);
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return { params, files: [] };
  if (type.startsWith('application/json')) return { params: { ...params, ...(JSON.parse(body.toString('utf8')) as object) }, files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerce(k, v);
    return { params, files: [] };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/iu.exec(type.startsWith('multipart/') ? (contentType ?? '') : '');
  if (!boundary) return { params, files: [] };
  return parseMultipart(body, boundary[1] ?? boundary[2]!, params);
}

function parseMultipart(body: Buffer, boundary: string, params: Record<string, unknown>): ParsedParams {
  const files: UploadedFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // A part is "\r\n<headers>\r\n\r\n<content>\r\n".
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/u.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/u.exec(headers)?.[1];
    const partType = /content-type:\s*([^\r\n]+)/iu.exec(headers)?.[1];
    if (name !== undefined && filename !== undefined) files.push({ field: name, filename, contentType: partType, content: Buffer.from(content) });
    else if (name !== undefined) params[name] = coerce(name, content.toString('utf8'));
    start = next;
  }
  return { params, files };
}
