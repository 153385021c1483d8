import { describe, expect, it } from 'vitest';
import {
  breakLines,
  CHAR_PITCH_PT,
  CHAR_SPACING_TWIPS,
  CHARS_PER_LINE,
  countLines,
  formatChineseDate,
  formatDocNumber,
  formatPageNumber,
  gridMeasure,
  LINE_PITCH_PT,
  LINE_PITCH_TWIPS,
  LINES_PER_PAGE,
  mmToPt,
  PAGE_MM,
  PAGE_PT,
  PAGE_TWIPS,
  pageNumberAlignment,
  paragraphLevel,
  parseDocNumber,
  pdfFonts,
  ptToTwips,
  SIZE_PT,
  titleLines,
} from './gbt9704.ts';

describe('GB/T 9704-2012 geometry', () => {
  it('A4 with margins 37/35/28/26 mm leaves a 156 × 225 mm text block', () => {
    expect(PAGE_MM.width - PAGE_MM.marginLeft - PAGE_MM.marginRight).toBe(PAGE_MM.textWidth);
    expect(PAGE_MM.height - PAGE_MM.marginTop - PAGE_MM.marginBottom).toBe(PAGE_MM.textHeight);
    expect(PAGE_TWIPS).toMatchObject({ width: 11906, height: 16838, marginTop: 2098, marginBottom: 1984, marginLeft: 1587, marginRight: 1474, textWidth: 8844, textHeight: 12756 });
    expect(PAGE_PT.textWidth).toBeCloseTo(mmToPt(156), 9);
  });

  it('22 lines of 3号 fill the text block; the DOCX pitch of 579 twips never spills a 23rd', () => {
    expect(LINE_PITCH_PT * LINES_PER_PAGE).toBeCloseTo(PAGE_PT.textHeight, 9);
    expect(LINE_PITCH_TWIPS).toBe(579);
    expect(LINE_PITCH_TWIPS * 22).toBeLessThanOrEqual(PAGE_TWIPS.textHeight);
    expect(LINE_PITCH_TWIPS * 23).toBeGreaterThan(PAGE_TWIPS.textHeight);
  });

  it('28 characters of 3号 (16 pt) fit the 156 mm line only narrowed: −5 twips each in DOCX', () => {
    expect(SIZE_PT).toMatchObject({ er: 22, san: 16, si: 14 });
    expect(CHAR_PITCH_PT * CHARS_PER_LINE).toBeCloseTo(PAGE_PT.textWidth, 9);
    expect(CHAR_SPACING_TWIPS).toBe(-5);
    expect((ptToTwips(16) + CHAR_SPACING_TWIPS) * 28).toBeLessThanOrEqual(PAGE_TWIPS.textWidth);
    expect((ptToTwips(16) + CHAR_SPACING_TWIPS) * 29).toBeGreaterThan(PAGE_TWIPS.textWidth);
  });
});

describe('GB/T 9704-2012 text', () => {
  it('dates: Arabic numerals, year in full, no leading zeros', () => {
    expect(formatChineseDate('2020-12-31')).toBe('2020年12月31日');
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(() => formatChineseDate('2026/1/5')).toThrow();
  });

  it('document numbers: code〔year〕serial号, no leading zeros, no 第; parsed back', () => {
    expect(formatDocNumber('昌建审改办', 2020, 3)).toBe('昌建审改办〔2020〕3号');
    expect(formatDocNumber('昌建审改', 2026, 12)).toBe('昌建审改〔2026〕12号');
    expect(() => formatDocNumber('昌建审改办', 2020, 0)).toThrow();
    expect(parseDocNumber('昌建审改办〔2020〕3号')).toEqual({ issuerCode: '昌建审改办', year: 2020, serial: 3 });
    expect(parseDocNumber('昌建审改办〔2020〕03号')).toBeNull();
  });

  it('page numbers: "— 1 —", odd pages right, even pages left', () => {
    expect(formatPageNumber(1)).toBe('— 1 —');
    expect([1, 2, 3].map(pageNumberAlignment)).toEqual(['right', 'left', 'right']);
  });

  it('headings: 一、 (一) 1. (1) recognised, body otherwise', () => {
    expect(['一、机构设置', '（一）总体要求', '(二)目标', '1. 范围', '（1）条件', '2020年工作', '第一条 内容'].map(paragraphLevel)).toEqual(['heading1', 'heading2', 'heading2', 'heading3', 'heading4', 'body', 'body']);
  });

  it('line breaking: 28 characters a line; no line starts with closing punctuation (禁则); numbers stay whole', () => {
    const measure = gridMeasure();
    const width = CHARS_PER_LINE * CHAR_PITCH_PT;
    const full = '一'.repeat(27) + '，' + '二'.repeat(10);
    const lines = breakLines(full, { width, measure });
    expect(lines.map((l) => l.text.length)).toEqual([28, 10]);
    const kinsoku = '一'.repeat(28) + '。' + '二'.repeat(5);
    const k = breakLines(kinsoku, { width, measure });
    expect(k[0]!.text).toBe('一'.repeat(27));
    expect(k[1]!.text.startsWith('一。')).toBe(true);
    const opener = '一'.repeat(27) + '《标题》';
    expect(breakLines(opener, { width, measure })[0]!.text.endsWith('《')).toBe(false);
    const digits = '一'.repeat(26) + '2020年';
    expect(breakLines(digits, { width, measure }).map((l) => l.text)).toEqual(['一'.repeat(26) + '2020', '年']);
    expect(countLines('一'.repeat(26))).toBe(1); // 2 indent + 26
    expect(countLines('一'.repeat(27))).toBe(2);
  });

  it('titles: balanced lines of at most 20 characters (2号 in 156 mm), words kept whole', () => {
    expect(titleLines('关于2026年工程建设项目审批制度改革工作进展情况的报告', 20)).toEqual(['关于2026年工程建设项目', '审批制度改革工作进展情况的报告']);
    expect(titleLines('关于进一步优化营商环境推进工程建设项目审批制度改革的实施意见', 20)).toEqual(['关于进一步优化营商环境推进', '工程建设项目审批制度改革的实施意见']);
    expect(titleLines('关于测试的通知', 20)).toEqual(['关于测试的通知']);
    for (const line of titleLines('关于印发《昌吉州工程建设项目审批制度改革领导小组工作规则》和《昌吉州工程建设项目审批制度改革领导小组办公室工作细则》的通知', 20)) {
      expect([...line].length).toBeLessThanOrEqual(20);
      expect(line).not.toMatch(/《$/);
    }
  });

  it('fonts: the Noto CJK SC stand-ins by PostScript name unless licensed fonts are configured', () => {
    const set = pdfFonts({ licensedFontDir: '/nonexistent' });
    expect(set.standIns).toHaveLength(5);
    expect(set.fonts.FangSong!.normal).toEqual(['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular']);
    expect(set.fonts.HeiTi!.normal).toEqual(['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular']);
  });
});
