// Uploaded files are judged by their content, never by their name: magic bytes, and for zip-based Office files
// the central directory (entry names, claimed sizes) before any library inflates them.
import { AppError } from './errors.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;
const MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024;
const MAX_RATIO = 200;

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** Reads a zip's central directory. Throws AppError on anything malformed or bomb-like. */
export function inspectZip(buf: Buffer): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new AppError('VALIDATION_FAILED', '不是有效的压缩文件 / not a zip file', { reason: 'not_zip' });
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('VALIDATION_FAILED', '压缩文件已损坏 / corrupt zip (no end of central directory)', { reason: 'corrupt_zip' });
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new AppError('VALIDATION_FAILED', '不支持 ZIP64 文件 / ZIP64 files are not accepted', { reason: 'zip64' });
  if (count > MAX_ZIP_ENTRIES) throw new AppError('VALIDATION_FAILED', `压缩包内文件过多 / too many entries (${count})`, { reason: 'too_many_entries' });
  if (cdOffset + cdSize > eocd) throw new AppError('VALIDATION_FAILED', '压缩文件已损坏 / corrupt zip (central directory out of range)', { reason: 'corrupt_zip' });
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new AppError('VALIDATION_FAILED', '压缩文件已损坏 / corrupt zip (bad directory entry)', { reason: 'corrupt_zip' });
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    total += uncompressedSize;
    if (uncompressedSize > MAX_ZIP_UNCOMPRESSED || total > MAX_ZIP_UNCOMPRESSED)
      throw new AppError('VALIDATION_FAILED', '压缩包解压后过大 / the archive claims too much uncompressed data', { reason: 'zip_bomb', entry: name, uncompressedSize });
    if (uncompressedSize > 1024 * 1024 && uncompressedSize / Math.max(1, compressedSize) > MAX_RATIO)
      throw new AppError('VALIDATION_FAILED', '压缩比异常 / suspicious compression ratio', { reason: 'zip_bomb', entry: name });
    entries.push({ name, compressedSize, uncompressedSize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

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

/** Content-Disposition with the UTF-8 name (RFC 5987) and an ASCII fallback. */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
