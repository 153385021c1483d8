// Uploaded files are judged by their content, never by their name: magic bytes, and for zip-based Office files
// the central directory (entry names, claimed sizes) before any library inflates them.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { readZipDirectory } from './zip.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Attachments are stored, not parsed: the directory check (no inflation) is enough to know what they are. */
const UPLOAD_ZIP_LIMITS = { maxEntries: 2000, maxTotalUncompressed: 100 * 1024 * 1024, maxRatio: 200, ratioAbove: 1024 * 1024 };

/** The entry names and sizes of a zip-based file, refusing anything malformed or bomb-like (see zip.ts). */
export const inspectZip = (buf: Buffer) => readZipDirectory(buf, UPLOAD_ZIP_LIMITS);

export type SniffedType = 'pdf' | 'docx' | 'xlsx';
export const MIME: Record<SniffedType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file's real type from its bytes, or an error naming what is accepted. */
export function sniffFileType(buf: Buffer, accept: readonly SniffedType[]): SniffedType {
  let type: SniffedType | null = null;
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') type = 'pdf';
  else if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const names = inspectZip(buf).map((e) => e.name);
    if (names.includes('word/document.xml')) type = 'docx';
    else if (names.includes('xl/workbook.xml')) type = 'xlsx';
  }
  if (!type || !accept.includes(type))
    throw new AppError('VALIDATION_FAILED', `文件类型不支持，仅接受 ${accept.join('/')} / unsupported file type; accepted: ${accept.join(', ')}`, { field: 'file', accepted: accept, detected: type });
  return type;
}

/** A safe display name: keeps Chinese, drops paths and control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string, opts: { inline?: boolean; ascii?: string } = {}): string {
  const ascii = (opts.ascii ?? filename).replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${opts.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The one uploaded file of a multipart request (limits set where @fastify/multipart is registered); bad uploads are 400/413, never 500. */
export async function readOneUpload(req: FastifyRequest): Promise<{ data: Buffer; buffer: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传一个文件 / upload one file as multipart/form-data', { reason: 'NOT_MULTIPART', field: 'file' });
  const refuse = (err: unknown): AppError => {
    if ((err as { statusCode?: number }).statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', '文件过大或文件过多（限 1 个、10 MB） / one file of at most 10 MB', { reason: (err as { code?: string }).code });
    return new AppError('VALIDATION_FAILED', '上传内容不完整或格式有误 / malformed multipart upload', { reason: 'BAD_MULTIPART' });
  };
  let file: { data: Buffer; buffer: Buffer; filename: string } | null = null;
  try {
    // Read every part: a second file is refused (files: 1), not silently ignored; plain fields are skipped.
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (file) throw new AppError('VALIDATION_FAILED', '只能上传一个文件 / upload exactly one file', { reason: 'TOO_MANY_FILES' });
      const data = await part.toBuffer();
      file = { data, buffer: data, filename: part.filename || 'file' };
    }
  } catch (err) {
    throw err instanceof AppError ? err : refuse(err);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', '未收到文件 / no file received', { reason: 'NO_FILE', field: 'file' });
  return file;
}
