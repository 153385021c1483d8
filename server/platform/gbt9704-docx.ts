// The parts of a GB/T 9704-2012 page that every DOCX we write shares (official documents, minutes, report
// compilations): the A4 page with the standard's margins, and the page number "— N —" in 4号宋体 one character in
// from the outside edge (right on odd pages, left on even ones; the section needs evenAndOddHeaderAndFooters).
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import { mmToTwips, OFFICIAL_FONTS, PAGE_MM, PAGE_TWIPS, ptToHalfPoints, ptToTwips, SIZE_PT, type OfficialFont } from './gbt9704.ts';

/** A run font naming the official face for every script (Word picks eastAsia for Chinese, ascii for digits). */
export const docxFont = (f: OfficialFont): IRunOptions['font'] => ({ ascii: OFFICIAL_FONTS[f], hAnsi: OFFICIAL_FONTS[f], eastAsia: OFFICIAL_FONTS[f], cs: OFFICIAL_FONTS[f] });

/** Section page properties: A4, margins 37/35/28/26 mm; the footer puts the page number's top 7 mm below the text block. */
export const GBT_PAGE = {
  size: { width: PAGE_TWIPS.width, height: PAGE_TWIPS.height },
  margin: {
    top: PAGE_TWIPS.marginTop,
    bottom: PAGE_TWIPS.marginBottom,
    left: PAGE_TWIPS.marginLeft,
    right: PAGE_TWIPS.marginRight,
    header: mmToTwips(15),
    // Its 4号 line (≈ 5 mm) then ends ≈ 23 mm above the page's edge.
    footer: mmToTwips(PAGE_MM.marginBottom - PAGE_MM.pageNumberBelowText - 5),
  },
};

function pageNumberFooter(side: 'right' | 'left'): Footer {
  const inset = ptToTwips(SIZE_PT.si);
  return new Footer({
    children: [
      new Paragraph({
        autoSpaceEastAsianText: false,
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: inset } : { left: inset },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: docxFont('songti'), size: ptToHalfPoints(SIZE_PT.si) })],
      }),
    ],
  });
}

/** The section's footers: odd pages right, even pages left. */
export const pageNumberFooters = () => ({ default: pageNumberFooter('right'), even: pageNumberFooter('left') });
