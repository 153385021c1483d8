// Zip containers (xlsx, docx) are checked before any library inflates them: the central directory is read without
// inflating anything, then (for files we parse) every entry is inflated with its declared size as a hard cap.
import { promisify } from 'node:util';
import { crc32, inflateRaw } from 'node:zlib';
import { AppError } from './errors.ts';


const MB = 1024 * 1024;
export const ZIP_LIMITS = {
  maxEntries: 1000,
  /** Sum of the entries' uncompressed sizes. */
  maxTotalUncompressed: 50 * MB,
  /** Uncompressed / compressed, checked for entries larger than `ratioAbove`. Worksheet XML rarely passes 50. */
  maxRatio: 200,
  ratioAbove: 1 * MB,
};
export type ZipLimits = typeof ZIP_LIMITS;

export interface ZipEntry { name: string; flags: number; method: number; crc: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number }

const NOT_ZIP = () => new AppError('VALIDATION_FAILED', '不是有效的 Office 文件（.xlsx / .docx） / not an Office (zip) file', { reason: 'NOT_ZIP' });
const unprocessable = (reason: string, message: string, extra: Record<string, unknown> = {}) => new AppError('UNPROCESSABLE', message, { reason, ...extra });
const corrupt = (why: string) => unprocessable('CORRUPT_ZIP', `文件已损坏，无法读取（${why}） / the file is damaged (${why})`);

const u64 = (b: Buffer, at: number) => {
  const v = b.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
};

/**
 * Reads a zip's central directory without inflating anything and refuses what should not reach exceljs:
 * content that is not a zip (magic bytes, not the file name), a damaged directory, too many entries,
 * too much declared uncompressed data (a zip bomb), an absurd compression ratio, encryption.
 */
export function readZipDirectory(buf: Buffer, limits: ZipLimits = ZIP_LIMITS, notZip: () => AppError = NOT_ZIP): ZipEntry[] {
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) throw notZip();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt('multi-volume archive');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) throw corrupt('zip64 locator missing');
    const z64 = u64(buf, loc + 8);
    if (!(z64 + 56 <= loc) || buf.readUInt32LE(z64) !== 0x06064b50) throw corrupt('zip64 directory record missing');
    count = u64(buf, z64 + 32);
    cdSize = u64(buf, z64 + 40);
    cdOffset = u64(buf, z64 + 48);
  }
  if (count > limits.maxEntries)
    throw unprocessable('ZIP_TOO_MANY_ENTRIES', `压缩包内文件过多（${count} 个，上限 ${limits.maxEntries}） / too many entries (${count}, limit ${limits.maxEntries})`, { entries: count, limit: limits.maxEntries });
  const end = cdOffset + cdSize;
  if (!(end <= eocd)) throw corrupt('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt('bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const n = buf.readUInt16LE(p + 28);
    const e = buf.readUInt16LE(p + 30);
    const c = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + n + e + c > end) throw corrupt('central directory entry out of bounds');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + n);
    const MAX32 = 0xffffffff;
    if (uncompressedSize === MAX32 || compressedSize === MAX32 || localHeaderOffset === MAX32) {
      // ZIP64 extended information (header 0x0001): 8-byte values for exactly the fields that are 0xFFFFFFFF, in this order.
      for (let q = p + 46 + n; q + 4 <= p + 46 + n + e; ) {
        const id = buf.readUInt16LE(q);
        const len = buf.readUInt16LE(q + 2);
        if (id === 1) {
          let r = q + 4;
          const take = () => {
            if (r + 8 > q + 4 + len) throw corrupt('bad zip64 field');
            const v = u64(buf, r);
            r += 8;
            return v;
          };
          if (uncompressedSize === MAX32) uncompressedSize = take();
          if (compressedSize === MAX32) compressedSize = take();
          if (localHeaderOffset === MAX32) localHeaderOffset = take();
          break;
        }
        q += 4 + len;
      }
    }
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed)
      throw unprocessable(
        'ZIP_TOO_LARGE',
        `解压后超过 ${limits.maxTotalUncompressed / MB} MB，疑似压缩炸弹，已拒绝（${name} 声明 ${uncompressedSize} 字节） / uncompressed content over ${limits.maxTotalUncompressed / MB} MB (zip bomb?): ${name} claims ${uncompressedSize} bytes`,
        { entry: name, declaredBytes: uncompressedSize, limitBytes: limits.maxTotalUncompressed },
      );
    if (uncompressedSize > limits.ratioAbove && uncompressedSize / Math.max(compressedSize, 1) > limits.maxRatio)
      throw unprocessable('ZIP_RATIO', `压缩比异常（${name}），疑似压缩炸弹，已拒绝 / absurd compression ratio in ${name} (zip bomb?)`, {
        entry: name,
        ratio: Math.round(uncompressedSize / Math.max(compressedSize, 1)),
        limit: limits.maxRatio,
      });
    if (flags & 1) throw unprocessable('ENCRYPTED', '文件已加密，请取消密码后再导入 / the file is encrypted; remove the password first', { entry: name });
    if (method !== 0 && method !== 8) throw corrupt(`unsupported compression method ${method}`);
    entries.push({ name, flags, method, crc, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + n + e + c;
  }
  return entries;
}

const inflateRawAsync = promisify(inflateRaw);

/**
 * Inflates every entry with its declared size as a hard cap, so a directory that understates sizes cannot
 * smuggle a bomb past readZipDirectory, and checks each CRC. Bounded by maxTotalUncompressed.
 */
export async function verifyZipEntries(buf: Buffer, entries: ZipEntry[]): Promise<void> {
  for (const en of entries) {
    const h = en.localHeaderOffset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw corrupt(`bad local header for ${en.name}`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    if (start + en.compressedSize > buf.length) throw corrupt(`${en.name} is truncated`);
    const data = buf.subarray(start, start + en.compressedSize);
    let out: Buffer;
    if (en.method === 0) out = data;
    else {
      try {
        out = await inflateRawAsync(data, { maxOutputLength: Math.max(1, en.uncompressedSize) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw unprocessable('ZIP_SIZE_MISMATCH', `${en.name} 解压后大于声明的大小，疑似压缩炸弹，已拒绝 / ${en.name} inflates beyond its declared size (zip bomb?)`, { entry: en.name });
        throw corrupt(`${en.name} cannot be inflated`);
      }
    }
    if (out.length !== en.uncompressedSize) throw unprocessable('ZIP_SIZE_MISMATCH', `${en.name} 的大小与目录不符 / ${en.name} does not match its declared size`, { entry: en.name });
    if (crc32(out) >>> 0 !== en.crc >>> 0) throw corrupt(`CRC mismatch in ${en.name}`);
  }
}

