import type * as Docx from 'docx';
import { chineseDate } from '../cells';
import { tableWidth, type Block, type Cell, type DocumentModel, type Heading, type Table } from '../model';
import { headerLine, labelText, NOTES_HEADING, SIGN_BLANK, visibleCaption, WATERMARK_TEXT } from './layout';
import { placeRows } from './print';

/**
 * A DocumentModel as a Word document (the docx library, loaded only when a user exports): the 绩效自评报告 with its
 * headings (一、/（一）/1.) in the outline, paragraphs, tables with merges (the library turns rowSpan into vMerge),
 * header rows repeated on every page, each attachment (the 自评表) in its own section on paper of its own orientation,
 * and figures (the score gauges) passed in as PNG bytes, so this module runs in Node with any image.
 */

export interface DocxImage {
  /** PNG bytes */
  data: Uint8Array;
  /** display size in pixels (96 per inch) */
  width: number;
  height: number;
  caption: string;
}

export interface DocxOptions {
  images?: readonly DocxImage[];
  /** The block the figures follow (default: the last block before the first attachment). */
  imagesAfter?: (block: Block, index: number) => boolean;
}

type D = typeof Docx;

// Twips (1/20 pt): A4 is 11906 × 16838; official reports use wide margins (GB/T 9704), forms narrow ones.
const A4 = { short: 11906, long: 16838 };
const MARGIN = {
  portrait: { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 851, footer: 992 },
  landscape: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
} as const;

const FONTS = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' },
  title: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
  h1: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' },
  h2: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体' },
  table: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
};
/** Half-points: 三号 16pt for the report's text, 五号 10.5pt in tables, 小五 9pt for notes and footers. */
const SIZE = { title: 44, body: 32, form: 24, table: 21, small: 18 };

const textWidth = (o: DocumentModel['orientation']) => (o === 'portrait' ? A4.short : A4.long) - MARGIN[o].left - MARGIN[o].right;

/** Runs of a text with '\n' as line breaks. */
function runs(d: D, text: string, style: Omit<Docx.IRunOptions, 'text' | 'break'>): Docx.TextRun[] {
  return text.split('\n').map((line, i) => new d.TextRun({ ...style, text: line, ...(i ? { break: 1 } : {}) }));
}

function tableOf(d: D, t: Table, width: number): Docx.Table {
  const total = Math.max(1, tableWidth(t));
  const widths = t.columns.map((c) => Math.floor((c.width / total) * width));
  const cellOf = (p: ReturnType<typeof placeRows>[number][number], head: boolean): Docx.TableCell => {
    const c: Cell = p.cell;
    const span = widths.slice(p.col, p.col + (c.colSpan ?? 1)).reduce((s, w) => s + w, 0);
    return new d.TableCell({
      children: [new d.Paragraph({ alignment: p.align, children: runs(d, c.text, { font: FONTS.table, size: SIZE.table, bold: head || !!c.bold }) })],
      ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
      ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      verticalAlign: 'center',
      width: { size: span, type: 'dxa' },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(head ? { shading: { type: 'clear', color: 'auto', fill: 'F2F2F2' } } : {}),
    });
  };
  const rows = [
    ...placeRows(t.headRows, t.columns).map((r) => new d.TableRow({ tableHeader: true, cantSplit: true, children: r.map((p) => cellOf(p, true)) })),
    ...placeRows(t.bodyRows, t.columns).map((r) => new d.TableRow({ cantSplit: true, children: r.map((p) => cellOf(p, false)) })),
  ];
  return new d.Table({ rows, columnWidths: widths, width: { size: widths.reduce((s, w) => s + w, 0), type: 'dxa' }, layout: 'fixed' });
}

const HEADING_FONT: Record<Heading['level'], { font: typeof FONTS.body; bold: boolean }> = {
  1: { font: FONTS.h1, bold: false },
  2: { font: FONTS.h2, bold: false },
  3: { font: FONTS.body, bold: true },
};

/** The figures in a borderless grid, three to a row, each with its caption under it. */
function figures(d: D, images: readonly DocxImage[], width: number): Docx.Table {
  const perRow = Math.min(3, images.length);
  const cellTwips = Math.floor(width / perRow);
  const maxPx = Math.floor(cellTwips / 15) - 12;
  const none = { style: 'none', size: 0, color: 'FFFFFF' } as const;
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const cell = (img: DocxImage | undefined) =>
    new d.TableCell({
      width: { size: cellTwips, type: 'dxa' },
      children: img
        ? [
            new d.Paragraph({ alignment: 'center', children: [new d.ImageRun({ type: 'png', data: img.data, transformation: scaled(img, maxPx) })] }),
            new d.Paragraph({ alignment: 'center', children: runs(d, img.caption, { font: FONTS.table, size: SIZE.table }) }),
          ]
        : [new d.Paragraph({})],
    });
  const rows: Docx.TableRow[] = [];
  for (let i = 0; i < images.length; i += perRow) {
    rows.push(new d.TableRow({ cantSplit: true, children: Array.from({ length: perRow }, (_, k) => cell(images[i + k])) }));
  }
  return new d.Table({ rows, columnWidths: Array.from({ length: perRow }, () => cellTwips), width: { size: cellTwips * perRow, type: 'dxa' }, borders, layout: 'fixed' });
}

const scaled = (img: DocxImage, maxPx: number) => (img.width <= maxPx ? { width: img.width, height: img.height } : { width: maxPx, height: Math.round((img.height * maxPx) / img.width) });

type Child = Docx.Paragraph | Docx.Table;

/** The body of one document (title block, blocks, notes); attachments are returned to become their own sections. */
function bodyOf(d: D, doc: DocumentModel, opts: DocxOptions, label?: string): { children: Child[]; attachments: { label: string; document: DocumentModel }[] } {
  const form = !!label || doc.orientation === 'landscape';
  const bodySize = form ? SIZE.form : SIZE.body;
  const width = textWidth(doc.orientation);
  const children: Child[] = [];
  const attachments: { label: string; document: DocumentModel }[] = [];
  if (label) children.push(new d.Paragraph({ children: runs(d, label, { font: FONTS.h1, size: SIZE.form }), spacing: { after: 120 } }));
  children.push(new d.Paragraph({ alignment: 'center', spacing: { after: 120 }, children: runs(d, doc.title, { font: FONTS.title, size: form ? 36 : SIZE.title, bold: true }) }));
  if (doc.subtitle) children.push(new d.Paragraph({ alignment: 'center', children: runs(d, doc.subtitle, { font: FONTS.body, size: bodySize }) }));
  if (doc.header.length) children.push(new d.Paragraph({ alignment: 'center', spacing: { after: 200 }, children: runs(d, headerLine(doc), { font: FONTS.body, size: form ? SIZE.table : SIZE.form }) }));

  const firstAttachment = doc.blocks.findIndex((b) => b.kind === 'attachment');
  const lastBody = (firstAttachment < 0 ? doc.blocks.length : firstAttachment) - 1;
  const at = opts.images?.length ? (opts.imagesAfter ? doc.blocks.findIndex((b, i) => opts.imagesAfter!(b, i)) : lastBody) : -2;
  const figuresAt = at === -1 ? lastBody : at;

  doc.blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      const caption = visibleCaption(b);
      if (caption) children.push(new d.Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: runs(d, caption, { font: FONTS.table, size: SIZE.table + 3, bold: true }) }));
      children.push(tableOf(d, b, width));
      if (!form) children.push(new d.Paragraph({ spacing: { after: 60 } }));
    } else if (b.kind === 'heading') {
      const f = HEADING_FONT[b.level];
      children.push(new d.Paragraph({ outlineLevel: b.level - 1, keepNext: true, indent: { firstLine: b.level === 1 ? 0 : 640 }, spacing: { before: 120, line: 560, lineRule: 'exact' }, children: runs(d, b.text, { font: f.font, bold: f.bold, size: bodySize }) }));
    } else if (b.kind === 'paragraph') {
      children.push(new d.Paragraph({ alignment: 'both', indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' }, children: runs(d, b.text, { font: FONTS.body, size: bodySize, ...(b.pending ? { color: '808080' } : {}) }) }));
    } else if (b.kind === 'signature') {
      const text = b.fields.map((f) => `${labelText(f.label)}${f.value.trim() || SIGN_BLANK}`).join('\u3000\u3000\u3000');
      children.push(new d.Paragraph({ spacing: { before: 240 }, children: runs(d, text, { font: FONTS.body, size: SIZE.table }) }));
    } else attachments.push({ label: b.label, document: b.document });
    if (i === figuresAt && opts.images?.length) children.push(figures(d, opts.images, width), new d.Paragraph({}));
  });

  if (doc.notes?.length) {
    children.push(new d.Paragraph({ spacing: { before: 200 }, children: runs(d, labelText(NOTES_HEADING), { font: FONTS.table, size: SIZE.small, bold: true }) }));
    for (const n of doc.notes) children.push(new d.Paragraph({ children: runs(d, n, { font: FONTS.table, size: SIZE.small }) }));
  }
  return { children, attachments };
}

function section(d: D, doc: DocumentModel, children: Child[], footer: DocumentModel['footer'], watermark: DocumentModel['watermark']): Docx.ISectionOptions {
  const o = doc.orientation;
  const width = textWidth(o);
  const small = { font: FONTS.table, size: SIZE.small };
  return {
    properties: {
      page: {
        // The library swaps width and height itself for a landscape page: give the portrait measures.
        size: { width: A4.short, height: A4.long, orientation: o },
        margin: MARGIN[o],
      },
    },
    headers: {
      default: new d.Header({
        children: [new d.Paragraph({ alignment: 'right', children: watermark ? [new d.TextRun({ text: `${WATERMARK_TEXT[watermark]} · 非正式文本`, font: FONTS.h1, size: 24, bold: true, color: 'C00000' })] : [] })],
      }),
    },
    footers: {
      default: new d.Footer({
        children: [
          new d.Paragraph({
            tabStops: [
              { type: 'center', position: Math.floor(width / 2) },
              { type: 'right', position: width },
            ],
            children: [
              new d.TextRun({ ...small, text: footer.unitName }),
              new d.TextRun({ ...small, children: ['\t第 ', d.PageNumber.CURRENT, ' 页 共 ', d.PageNumber.TOTAL_PAGES, ' 页\t', chineseDate(footer.date)] }),
            ],
          }),
        ],
      }),
    },
    children,
  };
}

/** The document's bytes. The docx library is imported here, on demand, never with the first screen. */
export async function toDocx(doc: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const d = await import('docx');
  const sections: Docx.ISectionOptions[] = [];
  const add = (document: DocumentModel, label?: string) => {
    const { children, attachments } = bodyOf(d, document, label ? {} : opts, label);
    sections.push(section(d, document, children, doc.footer, doc.watermark ?? null));
    for (const a of attachments) add(a.document, a.label);
  };
  add(doc);
  const file = new d.Document({
    creator: doc.footer.unitName,
    title: doc.title,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.body } } } },
    sections,
  });
  return new Uint8Array(await d.Packer.toArrayBuffer(file));
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
