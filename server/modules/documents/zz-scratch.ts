import { renderDocumentPdf } from './documents.pdf.ts';
import { layoutText } from './documents.layout.ts';
import { seedNoticeContent } from './fixtures/seed-notice.ts';
const { layout } = await renderDocumentPdf(seedNoticeContent());
for (const p of [4,5]) layoutText(layout)[p - 1]!.forEach((l, i) => console.log(p, i + 1, [...l].length, l));
