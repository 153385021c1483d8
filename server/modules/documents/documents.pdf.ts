// PDF of an official document: the GB/T 9704 layout model drawn line by line with pdfmake. Licensed fonts from a
// configured folder where present, else the Noto CJK stand-ins (the SC face of each TrueType collection).
import { createRequire } from 'node:module';
import { OFFICIAL_FONTS, PAGE_PT, PDF_FONT_FAMILY, pdfFonts, type FontFace, type FontOptions, type OfficialFont } from '../../platform/gbt9704.ts';
import { layoutDocument, type DocumentContent, type Layout, type Measure, type PlacedLine } from './documents.layout.ts';

const requireCjs = createRequire(import.meta.url);

/** The little of fontkit the layout needs (it is pdfkit's own font engine, so measures match the drawing). */
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  'OS/2'?: { typoAscender: number };
  glyphForCodePoint(cp: number): { advanceWidth: number };
}
const fontkit = requireCjs('fontkit') as { openSync(path: string, postscriptName?: string): FontkitFont };

/** The little of pdfmake 0.3 used here (it ships no types). */
interface PdfMake {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
}
const pdfmake = requireCjs('pdfmake') as PdfMake;

export interface FontMetrics {
  measure: Measure;
  /** Distance from the line box top pdfmake draws at to the top of the em box, per point of size. */
  emTopOffset(font: OfficialFont): number;
  fonts: ReturnType<typeof pdfFonts>;
}

const opened = new Map<string, FontkitFont>();
function open(face: FontFace): FontkitFont {
  const [file, ps] = Array.isArray(face) ? face : [face, undefined];
  const key = `${file}#${ps ?? ''}`;
  let f = opened.get(key);
  if (!f) {
    f = fontkit.openSync(file, ps);
    opened.set(key, f);
  }
  return f;
}

/** Font metrics of the faces the PDF will embed. */
export function fontMetrics(options: FontOptions = {}): FontMetrics {
  const set = pdfFonts(options);
  const faces = new Map<OfficialFont, FontkitFont>();
  for (const k of Object.keys(OFFICIAL_FONTS) as OfficialFont[]) faces.set(k, open(set.fonts[PDF_FONT_FAMILY[k]]!.normal));
  const widths = new Map<string, number>();
  return {
    fonts: set,
    measure: (font, size, unit) => {
      const f = faces.get(font)!;
      let em = 0;
      for (const ch of unit) {
        const key = `${font}${ch}`;
        let w = widths.get(key);
        if (w === undefined) {
          w = f.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / f.unitsPerEm;
          widths.set(key, w);
        }
        em += w;
      }
      return em * size;
    },
    emTopOffset: (font) => {
      const f = faces.get(font)!;
      return (f.ascent - (f['OS/2']?.typoAscender ?? f.ascent * 0.88)) / f.unitsPerEm;
    },
  };
}

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string;
}

/** Draws a laid-out document. Every line is placed absolutely: the page model, not pdfmake, decides the breaks. */
export async function renderLayoutPdf(layout: Layout, metrics: FontMetrics, meta: PdfMeta): Promise<Buffer> {
  const content: unknown[] = [];
  layout.pages.forEach((page, i) => {
    if (i > 0) content.push({ text: '', pageBreak: 'before' });
    const rules = page.items.filter((it) => it.kind === 'rule');
    if (rules.length) {
      content.push({
        absolutePosition: { x: 0, y: 0 },
        canvas: rules.map((r) => ({ type: 'line', x1: r.x1, y1: r.y, x2: r.x2, y2: r.y, lineWidth: r.thickness, lineColor: r.color })),
      });
    }
    for (const it of page.items) if (it.kind === 'text') content.push(textNode(it, metrics));
  });
  const allowed = new Set(Object.values(metrics.fonts.fonts).flatMap((f) => [f.normal, f.bold].map((x) => (Array.isArray(x) ? x[0] : x))));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  pdfmake.setFonts(metrics.fonts.fonts);
  const doc = pdfmake.createPdf({
    pageSize: { width: PAGE_PT.width, height: PAGE_PT.height },
    pageMargins: [0, 0, 0, 0],
    info: { title: meta.title, author: meta.author, subject: meta.subject ?? meta.title, creator: 'reform-office 审改办工作平台', producer: 'reform-office (pdfmake)' },
    defaultStyle: { font: PDF_FONT_FAMILY.fangsong },
    content,
  });
  return doc.getBuffer();
}

function textNode(it: PlacedLine, metrics: FontMetrics) {
  const offset = Math.max(...it.runs.map((r) => metrics.emTopOffset(r.font)));
  return {
    absolutePosition: { x: it.x, y: it.y - offset * it.size },
    noWrap: true,
    fontSize: it.size,
    color: it.color,
    characterSpacing: it.spacing,
    text: it.runs.map((r) => ({ text: r.text, font: PDF_FONT_FAMILY[r.font] })),
  };
}

/** Lays out and draws a document. */
export async function renderDocumentPdf(content: DocumentContent, options: FontOptions = {}, meta?: PdfMeta): Promise<{ pdf: Buffer; layout: Layout }> {
  const metrics = fontMetrics(options);
  const layout = layoutDocument(content, metrics.measure);
  const pdf = await renderLayoutPdf(layout, metrics, meta ?? { title: content.title.replace(/\n/g, ''), author: content.signature });
  return { pdf, layout };
}
