// @vitest-environment node
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildReport, headingsOf, REPORT_SECTIONS } from '@/documents/report';
import { gridText, type DocumentModel, type Heading, type Table } from '@/documents/model';
import { toDocx, type DocxImage } from '@/documents/render/docx';
import { card, evaluationRecord } from '../card';

/**
 * The 绩效自评报告 of the §4.10 scorecard as a .docx, unzipped: every outline heading, the score table, the
 * evaluator's own text, the 自评表 attachment in a landscape section, and the gauges as image parts.
 */

// A 1×1 PNG stands in for the gauges the browser renders with ECharts.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const gauge = (caption: string): DocxImage => ({ data: PNG, width: 220, height: 180, caption });

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  // Every run's text in order, so a phrase is found even where Word would split it.
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { zip, xml, text };
}

function report(sections: Record<string, string> = {}): DocumentModel {
  const c = card();
  const form = c.form();
  const e = evaluationRecord(form);
  return buildReport({ evaluation: { ...e, inputs: { ...e.inputs, sections } }, unit: { name: c.p.unit.name, duties: '' } });
}

describe('docx renderer', () => {
  it('the §4.10 report: every heading in the outline, the score table, the attachment, the gauges as images', async () => {
    const doc = report({ improvements: '加强活动组织，提前安排下半年活动。' });
    const bytes = await toDocx(doc, { images: [gauge('总分 97.00 优'), gauge('产出 48.06 / 50.00')], imagesAfter: (b) => b.kind === 'table' && b.caption === '自评得分情况' });
    const { zip, xml, text } = await unzip(bytes);

    const headings = doc.blocks.filter((b): b is Heading => b.kind === 'heading');
    expect(headingsOf(doc)).toHaveLength(9);
    for (const h of headings) expect(text).toContain(h.text);
    // The 一级 headings are outline level 0, so Word's navigation pane lists them.
    expect(xml.match(/<w:outlineLvl w:val="0"\/>/g)?.length).toBe(headingsOf(doc).length);

    const scores = doc.blocks.find((b): b is Table => b.kind === 'table' && b.caption === '自评得分情况')!;
    for (const row of gridText([...scores.headRows, ...scores.bodyRows], scores.columns.length)) for (const cell of row) expect(text).toContain(cell);
    expect(text).toContain('97.00');
    expect(text).toContain('加强活动组织，提前安排下半年活动。');
    expect(xml).toContain(xmlText('附件：部门（单位）整体支出绩效自评表'));

    // The attachment turns the paper; its head rows repeat; merged 一级 cells become vertical merges.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toMatch(/<w:gridSpan w:val="\d+"\/>/);

    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media.length).toBeGreaterThanOrEqual(1);
    expect(xml.match(/<w:drawing>/g)?.length).toBe(2);
    // The gauges follow the score table, before 四、.
    expect(text.indexOf('产出 48.06 / 50.00')).toBeGreaterThan(text.indexOf('自评得分情况'));
    expect(text.indexOf('产出 48.06 / 50.00')).toBeLessThan(text.indexOf('四、绩效目标实现情况分析'));
  });

  it('page numbers and the unit in the footer; a draft says so in the page header', async () => {
    const base = report();
    const { zip } = await unzip(await toDocx({ ...base, watermark: 'draft' }));
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(footer).toContain(base.footer.unitName);
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('草稿');
  });

  it('every editable section key belongs to the report', () => {
    const keys = new Set(report().blocks.flatMap((b) => (b.kind === 'paragraph' && b.sectionKey ? [b.sectionKey] : [])));
    for (const k of keys) expect(REPORT_SECTIONS.map((s) => s.key)).toContain(k);
  });
});
