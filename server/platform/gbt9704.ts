/**
 * GB/T 9704-2012 党政机关公文格式 — the shared page geometry, fonts, sizes, colours and text helpers
 * for every official-document export (documents, meeting minutes). Pure functions and constants:
 * no I/O except `pdfFonts`, which only checks which font files exist in a folder it is given.
 *
 * Units: mm as in the standard; twips (1/20 pt) for DOCX; points for PDF.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// ---------------------------------------------------------------- units

export const PT_PER_MM = 72 / 25.4;
export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const ptToTwips = (pt: number): number => Math.round(pt * 20);
/** DOCX half-points (w:sz). */
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);

// ---------------------------------------------------------------- page

/** A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so right 26 mm, bottom 35 mm). */
export const PAGE_MM = {
  width: 210,
  height: 297,
  marginTop: 37,
  marginBottom: 35,
  marginLeft: 28,
  marginRight: 26,
  textWidth: 156,
  textHeight: 225,
  /** The issuer mark's top edge sits 35 mm below the top of the text block. */
  issuerMarkTop: 35,
  /** The red separator rule is 4 mm below the document number. */
  ruleBelowNumber: 4,
  /** Page numbers: 7 mm below the text block. */
  pageNumberBelowText: 7,
  /** 版记 rules: first and last 0.35 mm, middle ones 0.25 mm. */
  recordRuleThick: 0.35,
  recordRuleThin: 0.25,
} as const;

export const PAGE_TWIPS = {
  width: mmToTwips(PAGE_MM.width), // 11906
  height: mmToTwips(PAGE_MM.height), // 16838
  marginTop: mmToTwips(PAGE_MM.marginTop),
  marginBottom: mmToTwips(PAGE_MM.marginBottom),
  marginLeft: mmToTwips(PAGE_MM.marginLeft),
  marginRight: mmToTwips(PAGE_MM.marginRight),
  textWidth: mmToTwips(PAGE_MM.textWidth),
  textHeight: mmToTwips(PAGE_MM.textHeight),
} as const;

export const PAGE_PT = {
  width: mmToPt(PAGE_MM.width),
  height: mmToPt(PAGE_MM.height),
  marginTop: mmToPt(PAGE_MM.marginTop),
  marginBottom: mmToPt(PAGE_MM.marginBottom),
  marginLeft: mmToPt(PAGE_MM.marginLeft),
  marginRight: mmToPt(PAGE_MM.marginRight),
  textWidth: mmToPt(PAGE_MM.textWidth),
  textHeight: mmToPt(PAGE_MM.textHeight),
} as const;

// ---------------------------------------------------------------- grid

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

// ---------------------------------------------------------------- sizes (字号) in points

export const SIZE_PT = {
  /** 2号: titles, the issuer mark at least this. */
  er: 22,
  /** 3号: body, number, addressees, signature. */
  san: 16,
  /** 4号: 版记 (抄送, 印发), page numbers. */
  si: 14,
  /** 小4 — occasionally for tables. */
  xiaoSi: 12,
} as const;

/** The issuer mark (发文机关标志) is not fixed by the standard beyond "no larger than 22 mm × 15 mm"; 36 pt is the usual choice for a two-line-free mark. */
export const ISSUER_MARK_PT = 36;

// ---------------------------------------------------------------- line pitch and character spacing

/**
 * Line pitch so 22 lines fill 225 mm (≈ 28.99 pt). DOCX uses an exact line height of 579 twips —
 * rounded down so 22 lines never spill — and a document grid of the same pitch.
 */
export const LINE_PITCH_PT = PAGE_PT.textHeight / LINES_PER_PAGE;
export const LINE_PITCH_TWIPS = Math.floor(PAGE_TWIPS.textHeight / LINES_PER_PAGE); // 579
/** Character pitch so 28 characters fill 156 mm (≈ 15.79 pt, narrower than a 16 pt glyph). */
export const CHAR_PITCH_PT = PAGE_PT.textWidth / CHARS_PER_LINE;
/** Extra spacing per character for a 3号 glyph (negative: ≈ −0.21 pt). Use in pdfmake `characterSpacing`. */
export const CHAR_SPACING_PT = CHAR_PITCH_PT - SIZE_PT.san;
/** DOCX run character spacing (w:spacing in twips), rounded down so exactly 28 fit: −5 twips. */
export const CHAR_SPACING_TWIPS = Math.floor(PAGE_TWIPS.textWidth / CHARS_PER_LINE - ptToTwips(SIZE_PT.san));
/** DOCX w:docGrid w:charSpace (1/4096 pt relative to the 3号 default) for Word's "linesAndChars" grid. */
export const DOC_GRID_CHAR_SPACE = Math.round(CHAR_SPACING_PT * 4096);

/** Character spacing (pt) to put `chars` characters of a `sizePt` font across `widthPt` (e.g. spreading a short line). */
export const spacingToFit = (chars: number, sizePt: number, widthPt: number): number => widthPt / chars - sizePt;

// ---------------------------------------------------------------- colours

/** Red (Y80 % M80 %) for the issuer mark and separator rule. */
export const RED = '#E60012';
/** Without '#', as DOCX wants it. */
export const RED_HEX = 'E60012';

// ---------------------------------------------------------------- fonts

/** Official font names as Word/WPS know them (DOCX names them; the user's PC has them). */
export const OFFICIAL_FONTS = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  kaiti: '楷体_GB2312',
  heiti: '黑体',
  songti: '宋体',
} as const;
export type OfficialFont = keyof typeof OFFICIAL_FONTS;

/** Debian's fonts-noto-cjk: the stand-ins when no licensed fonts are configured. */
export const NOTO_FONT_DIR = '/usr/share/fonts/opentype/noto';

/** A font file plus, for a TrueType collection (.ttc), the PostScript name of the face to use. */
export type FontFace = string | [file: string, postscriptName: string];

/** Noto stand-in per official font: serif for 宋/仿宋/小标宋/楷, sans for 黑体. The SC face of each TTC. */
const NOTO_STAND_INS: Record<OfficialFont, { normal: [string, string]; bold: [string, string] }> = {
  xiaobiaosong: { normal: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'], bold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'] },
  fangsong: { normal: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'], bold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'] },
  kaiti: { normal: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'], bold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'] },
  heiti: { normal: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'], bold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'] },
  songti: { normal: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'], bold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'] },
};

/** File names looked for in a licensed font folder, first match wins. */
export const LICENSED_FONT_FILES: Record<OfficialFont, string[]> = {
  xiaobiaosong: ['FZXBSJW.TTF', 'FZXBSJW.ttf', '方正小标宋简体.ttf', '方正小标宋简体.TTF'],
  fangsong: ['仿宋_GB2312.ttf', '仿宋_GB2312.TTF', 'FangSong_GB2312.ttf', 'SIMFANG.TTF', 'simfang.ttf'],
  kaiti: ['楷体_GB2312.ttf', '楷体_GB2312.TTF', 'KaiTi_GB2312.ttf', 'SIMKAI.TTF', 'simkai.ttf'],
  heiti: ['黑体.ttf', 'SIMHEI.TTF', 'simhei.ttf'],
  songti: ['宋体.ttf', 'SIMSUN.TTC', 'simsun.ttc', 'SIMSUN.TTF', 'simsun.ttf'],
};

/** pdfmake font family names registered by `pdfFonts` (use as `font:` in a pdfmake node). */
export const PDF_FONT_FAMILY: Record<OfficialFont, string> = {
  xiaobiaosong: 'XiaoBiaoSong',
  fangsong: 'FangSong',
  kaiti: 'KaiTi',
  heiti: 'HeiTi',
  songti: 'SongTi',
};

export interface PdfFontSet {
  /** pdfmake `fonts` dictionary: family → { normal, bold, italics, bolditalics }. */
  fonts: Record<string, { normal: FontFace; bold: FontFace; italics: FontFace; bolditalics: FontFace }>;
  /** Which official fonts fell back to a Noto stand-in. */
  standIns: OfficialFont[];
}

export interface FontOptions {
  /** A folder with licensed TTFs (names as in LICENSED_FONT_FILES). Passed in by the caller (config), never read from env here. */
  licensedFontDir?: string | null;
  /** Where the Noto stand-ins live; defaults to Debian's path. */
  notoFontDir?: string;
}

/** The pdfmake font dictionary: licensed fonts where present in `licensedFontDir`, else Noto CJK SC faces (TTC face chosen by PostScript name). */
export function pdfFonts(options: FontOptions = {}): PdfFontSet {
  const noto = options.notoFontDir ?? NOTO_FONT_DIR;
  const fonts: PdfFontSet['fonts'] = {};
  const standIns: OfficialFont[] = [];
  for (const key of Object.keys(OFFICIAL_FONTS) as OfficialFont[]) {
    const dir = options.licensedFontDir;
    const licensed = dir ? LICENSED_FONT_FILES[key].map((f) => join(dir, f)).find((p) => existsSync(p)) : undefined;
    let normal: FontFace;
    let bold: FontFace;
    if (licensed && !licensed.toLowerCase().endsWith('.ttc')) {
      normal = licensed;
      bold = licensed;
    } else {
      standIns.push(key);
      const s = NOTO_STAND_INS[key];
      normal = [join(noto, s.normal[0]), s.normal[1]];
      bold = [join(noto, s.bold[0]), s.bold[1]];
    }
    fonts[PDF_FONT_FAMILY[key]] = { normal, bold, italics: normal, bolditalics: bold };
  }
  return { fonts, standIns };
}

// ---------------------------------------------------------------- text helpers

/** '2020-12-31' → '2020年12月31日' (Arabic numerals, year in full, no leading zeros). */
export function formatChineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 发文字号: ('昌建审改办', 2020, 3) → '昌建审改办〔2020〕3号' (六角括号, no leading zeros, no 第). */
export function formatDocNumber(issuerCode: string, year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year: ${year}`);
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`bad serial: ${serial}`);
  return `${issuerCode}〔${year}〕${serial}号`;
}

/** The inverse of formatDocNumber; null when the text is not a document number. */
export function parseDocNumber(text: string): { issuerCode: string; year: number; serial: number } | null {
  const m = /^(.+?)〔(\d{4})〕([1-9]\d*)号$/.exec(text.trim());
  return m ? { issuerCode: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null;
}

/** Page number text: 4号 half-width digits with a dash each side: 1 → '— 1 —'. */
export const formatPageNumber = (n: number): string => `— ${n} —`;
/** Odd pages right-aligned (one character in), even pages left (one character in). */
export const pageNumberAlignment = (n: number): 'right' | 'left' => (n % 2 === 1 ? 'right' : 'left');

/** Body paragraph levels recognised for layout: 一、(黑体) (一)(楷体) 1.(仿宋) (1)(仿宋). */
export type ParagraphLevel = 'heading1' | 'heading2' | 'heading3' | 'heading4' | 'body';

const CN_NUMERAL = '[一二三四五六七八九十百零〇]+';
const LEVEL_PATTERNS: [ParagraphLevel, RegExp][] = [
  ['heading1', new RegExp(`^${CN_NUMERAL}、`)],
  ['heading2', new RegExp(`^[（(]${CN_NUMERAL}[）)]`)],
  ['heading3', /^\d+[.．]\s*(?!\d)/],
  ['heading4', /^[（(]\d+[）)]/],
];

export function paragraphLevel(text: string): ParagraphLevel {
  const t = text.trimStart();
  for (const [level, re] of LEVEL_PATTERNS) if (re.test(t)) return level;
  return 'body';
}

/** The font of a level (heading 3/4 and body: 仿宋). */
export const LEVEL_FONT: Record<ParagraphLevel, OfficialFont> = {
  heading1: 'heiti',
  heading2: 'kaiti',
  heading3: 'fangsong',
  heading4: 'fangsong',
  body: 'fangsong',
};

/**
 * Split plain text into paragraphs: one per non-empty line (whitespace trimmed; full-width
 * indentation spaces removed, since layout indents by two characters).
 */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l.length > 0);
}

/** Width of a character in grid cells: full-width (CJK, full-width punctuation) 1, half-width 0.5. */
export function cellWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 0.5;
  if (cp >= 0xff61 && cp <= 0xffdc) return 0.5; // half-width forms
  return 1;
}

// ---------------------------------------------------------------- line breaking (禁则)

/** Characters that must not start a line (closing punctuation, 禁则 of GB/T 15834 practice). */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】〉…—·%‰℃,.;:?!)]}']);
/** Characters that must not end a line (opening brackets and quotes). */
export const NO_LINE_END = new Set([...'（《「『“‘〔【〈([{']);

/** One unbreakable unit: a CJK character, or a run of Latin letters / digits (a word or number never splits). */
export function breakUnits(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9.,:%/\-+]*[A-Za-z0-9%]|[A-Za-z0-9]|[\s\S]/gu) ?? [];
}

export interface BrokenLine {
  text: string;
  /** Width of the text as measured (sum of advances), without the indent. */
  width: number;
  /** Left indent of this line (pt). */
  indent: number;
  /** The paragraph's last line: not justified. */
  last: boolean;
  /** The line ends with a punctuation mark hanging past the right edge (标点溢出边界). */
  hanging: boolean;
}

export interface BreakOptions {
  /** Line width available (pt), e.g. PAGE_PT.textWidth. */
  width: number;
  /** Advance of a unit (pt), including the character spacing that follows each character. */
  measure: (unit: string) => number;
  /** Indent of the first line (pt); two 3号 characters for a body paragraph. */
  firstIndent?: number;
  /** Indent of the following lines (pt); a hanging indent for lists ("附件：1. …", "抄送："). */
  restIndent?: number;
  /**
   * Let one closing punctuation mark hang past the right edge instead of pulling a character down (Word's and WPS's
   * default for Chinese, 允许标点溢出边界). Default true.
   */
  hangPunctuation?: boolean;
}

/** Marks that may hang past the right edge. */
export const HANGING_PUNCTUATION = new Set([...'，。、；：？！”’）》」』〕】']);

/**
 * Greedy line breaking with Chinese 禁则: a line never starts with closing punctuation (the character before it
 * moves down with it, as Word does) and never ends with an opening bracket. Latin words and numbers stay whole.
 */
export function breakLines(text: string, opts: BreakOptions): BrokenLine[] {
  const units = breakUnits(text);
  const lines: BrokenLine[] = [];
  const first = opts.firstIndent ?? 0;
  const rest = opts.restIndent ?? 0;
  let i = 0;
  while (i < units.length) {
    const indent = lines.length === 0 ? first : rest;
    const avail = opts.width - indent + 0.01;
    let w = 0;
    let j = i;
    while (j < units.length && w + opts.measure(units[j]!) <= avail) w += opts.measure(units[j++]!);
    if (j === i) j = i + 1; // a unit wider than the line stands alone
    let hanging = false;
    if (j < units.length && (opts.hangPunctuation ?? false) && HANGING_PUNCTUATION.has(units[j]!) && !NO_LINE_START.has(units[j + 1]?.[0] ?? '')) {
      w += opts.measure(units[j++]!);
      hanging = true;
    } else if (j < units.length) {
      // Move units down until the next line does not start with closing punctuation and this one does not end with an opener.
      let k = j;
      while (k > i + 1 && (NO_LINE_START.has(units[k]![0]!) || NO_LINE_END.has(units[k - 1]!.slice(-1)))) k--;
      if (k > i + 1 || !NO_LINE_START.has(units[j]![0]!)) j = k;
    }
    const seg = units.slice(i, j);
    lines.push({ text: seg.join(''), width: seg.reduce((a, u) => a + opts.measure(u), 0), indent, last: j >= units.length, hanging });
    i = j;
  }
  if (lines.length === 0) lines.push({ text: '', width: 0, indent: first, last: true, hanging: false });
  return lines;
}

/** A measure on the 28-character grid without font files: full-width one pitch, half-width half a pitch. */
export const gridMeasure =
  (pitch = CHAR_PITCH_PT) =>
  (unit: string): number =>
    [...unit].reduce((a, ch) => a + cellWidth(ch) * pitch, 0);

/** How many grid lines a paragraph takes with `indent` characters of first-line indent (the grid measure, 禁则 applied). */
export const countLines = (text: string, indent = 2, perLine = CHARS_PER_LINE): number =>
  breakLines(text, { width: perLine * CHAR_PITCH_PT, measure: gridMeasure(), firstIndent: indent * CHAR_PITCH_PT }).length;

// ---------------------------------------------------------------- titles (回行时词意完整，排列对称)

/** Words an approval-reform title is made of; a title line never breaks inside one of them. */
const TITLE_WORDS = [
  '工程建设项目', '审批制度改革', '领导小组办公室', '领导小组', '办公室', '自治区', '自治州', '昌吉州', '县市', '园区', '成员单位', '实施方案', '工作细则', '工作规则',
  '工作方案', '任务分工', '进展情况', '推进情况', '有关事项', '重大事项', '工作', '进展', '情况', '通知', '通报', '报告', '请示', '意见', '批复', '纪要', '印发', '关于',
  '审批', '制度', '改革', '项目', '建设', '全面', '推进', '进一步', '优化', '营商环境', '政务服务', '信息', '简报', '考核', '督查', '督导', '检查', '落实', '年度', '季度',
];

/** Where a title may break: between words of the lexicon, after closing marks, never inside a number or a word. */
export function titleBreaks(title: string): Set<number> {
  const chars = [...title];
  const ok = new Set<number>();
  let i = 0;
  while (i < chars.length) {
    const rest = chars.slice(i).join('');
    const word = TITLE_WORDS.filter((w) => rest.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    const num = /^[0-9A-Za-z]+年?/.exec(rest)?.[0];
    const step = word ? [...word].length : num ? [...num].length : 1;
    i += step;
    ok.add(i);
  }
  // Not before closing punctuation, not after an opening mark.
  for (const k of [...ok]) if (NO_LINE_START.has(chars[k] ?? '') || NO_LINE_END.has(chars[k - 1] ?? '')) ok.delete(k);
  ok.delete(chars.length);
  return ok;
}

/**
 * A title in balanced lines of at most `perLine` characters (GB/T 9704: 梯形或菱形, words kept whole): the fewest
 * lines, each break at the allowed position nearest the even share. Falls back to plain balanced cuts.
 */
export function titleLines(title: string, perLine: number): string[] {
  const chars = [...title];
  if (chars.length <= perLine) return [title];
  const breaks = titleBreaks(title);
  const n = Math.ceil(chars.length / perLine);
  for (let lines = n; lines <= n + 2; lines++) {
    const out: string[] = [];
    let start = 0;
    let failed = false;
    for (let k = 1; k < lines; k++) {
      const target = start + Math.round((chars.length - start) / (lines - k + 1));
      const candidates = [...breaks].filter((b) => b > start && b - start <= perLine && chars.length - b <= perLine * (lines - k));
      if (!candidates.length) {
        failed = true;
        break;
      }
      const b = candidates.sort((x, y) => Math.abs(x - target) - Math.abs(y - target) || x - y)[0]!;
      out.push(chars.slice(start, b).join(''));
      start = b;
    }
    if (!failed && chars.length - start <= perLine) return [...out, chars.slice(start).join('')];
  }
  const target = Math.ceil(chars.length / n);
  return Array.from({ length: n }, (_, k) => chars.slice(k * target, (k + 1) * target).join(''));
}
