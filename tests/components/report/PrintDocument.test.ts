import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import PrintDocument from '@/documents/render/PrintDocument.vue';
import { cssString, pageCss } from '@/documents/render/print';
import type { DocumentModel, Table } from '@/documents/model';

/** The print page: real <thead> per table (repeated by the browser on each page), page rules, watermark, text as text. */

const indicators: Table = {
  kind: 'table',
  caption: '绩效指标',
  columns: [{ key: 'l1', width: 6 }, { key: 'l3', width: 30 }, { key: 'v', width: 10, align: 'right' }],
  headRows: [[{ text: '一级指标', bold: true }, { text: '三级指标' }, { text: '分值' }]],
  bodyRows: [
    [{ text: '产出', rowSpan: 2 }, { text: '<img src=x onerror=alert(1)>' }, { text: '4.00', value: 4, format: 'points2' }],
    [{ text: '宣传资料数量（份）' }, { text: '3.60', value: 3.6, format: 'points2' }],
    [{ text: '总分', colSpan: 2, bold: true }, { text: '7.60', value: 7.6, format: 'points2' }],
  ],
};
const goal: Table = { kind: 'table', caption: '年度总体目标', columns: [{ key: 'a', width: 10 }, { key: 'b', width: 36 }], headRows: [], bodyRows: [[{ text: '年度总体目标' }, { text: '完成全年任务' }]] };

function doc(over: Partial<DocumentModel> = {}): DocumentModel {
  return {
    title: '部门（单位）整体支出绩效自评表',
    subtitle: '（2022年度）',
    orientation: 'landscape',
    header: [{ label: '部门（单位）名称', value: '深圳市盐田区总工会' }],
    blocks: [goal, indicators, { kind: 'heading', level: 1, text: '一、基本情况' }, { kind: 'paragraph', text: '（待填写）', pending: true, sectionKey: 'other' }, { kind: 'signature', fields: [{ label: '填表人', value: '' }, { label: '填报日期', value: '2023年1月20日' }] }],
    notes: ['总分 = Σ 指标得分'],
    watermark: 'draft',
    footer: { unitName: '深圳市盐田区总工会', date: '2023-01-20' },
    ...over,
  };
}

describe('PrintDocument', () => {
  it('a <thead> for every table with head rows, merges as colspan/rowspan, captions not repeated', () => {
    const w = mount(PrintDocument, { props: { doc: doc() } });
    const tables = w.findAll('table.pd-table');
    expect(tables).toHaveLength(2);
    expect(tables[0]!.find('thead').exists()).toBe(false);
    // 年度总体目标 labels its own row: no caption above it.
    expect(tables[0]!.find('caption').exists()).toBe(false);
    const head = tables[1]!.find('thead');
    expect(head.findAll('th').map((th) => th.text())).toEqual(['一级指标', '三级指标', '分值']);
    expect(tables[1]!.find('caption').text()).toBe('绩效指标');
    const cells = tables[1]!.findAll('tbody td');
    expect(cells[0]!.attributes('rowspan')).toBe('2');
    expect(cells.find((c) => c.text() === '总分')!.attributes('colspan')).toBe('2');
    expect(cells.find((c) => c.text() === '4.00')!.classes()).toContain('pd-right');
    expect(tables[1]!.findAll('col').map((c) => c.attributes('style'))).toEqual(['width: 13.04%;', 'width: 65.22%;', 'width: 21.74%;']);
  });

  it('page rules: A4 in the document’s orientation, 第 X 页 共 Y 页, unit and date in the margins', () => {
    const w = mount(PrintDocument, { props: { doc: doc() } });
    const css = w.find('style').text();
    expect(css).toContain('@page');
    expect(css).toContain('counter(page)');
    expect(css).toContain('counter(pages)');
    expect(css).toContain('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(css).toContain('@bottom-left { content: "深圳市盐田区总工会"');
    expect(css).toContain('"2023年1月20日"');
    expect(css).toContain('size: A4 landscape');
    expect(w.find('article').classes()).toContain('pd-landscape');
  });

  it('the watermark: 草稿 on a draft, 已被更正 on a superseded version, none when final', () => {
    expect(mount(PrintDocument, { props: { doc: doc() } }).find('[data-test=watermark]').text()).toBe('草稿');
    expect(mount(PrintDocument, { props: { doc: doc({ watermark: 'superseded' }) } }).find('[data-test=watermark]').text()).toBe('已被更正');
    expect(mount(PrintDocument, { props: { doc: doc({ watermark: null }) } }).find('[data-test=watermark]').exists()).toBe(false);
  });

  it('user text renders literally, in cells and in the page rules', () => {
    const w = mount(PrintDocument, { props: { doc: doc({ footer: { unitName: '"} body { display: none } </style>', date: '2023-01-20' } }) } });
    expect(w.find('img').exists()).toBe(false);
    expect(w.text()).toContain('<img src=x onerror=alert(1)>');
    expect(cssString('a"b\\c<')).toBe('"a\\22 b\\5c c\\3c "');
    expect(pageCss(doc({ footer: { unitName: '"}x', date: '2023-01-20' } }))).toContain('content: "\\22 }x"');
  });

  it('headings, a pending paragraph, signature lines and notes; an attachment on a sheet of its own, one page rule', () => {
    const attached = doc({ title: '附表', watermark: null, orientation: 'landscape' });
    const w = mount(PrintDocument, { props: { doc: doc({ orientation: 'portrait', blocks: [...doc().blocks, { kind: 'attachment', label: '附件：自评表', document: attached }] }) } });
    expect(w.find('h2.pd-h1').text()).toBe('一、基本情况');
    expect(w.find('.pd-pending').attributes('data-section')).toBe('other');
    expect(w.find('.pd-sign').text()).toContain('填表人：');
    expect(w.find('.pd-notes li').text()).toBe('总分 = Σ 指标得分');
    const sheets = w.findAll('article.pd-sheet');
    expect(sheets.map((s) => s.attributes('data-orientation'))).toEqual(['portrait', 'landscape']);
    expect(sheets[1]!.classes()).toContain('pd-attachment');
    expect(sheets[1]!.find('.pd-attachment-label').text()).toBe('附件：自评表');
    expect(sheets[1]!.find('thead').exists()).toBe(true);
    expect(w.findAll('style')).toHaveLength(1);
    // The parent's watermark on every sheet (print shows the first one, fixed on every page).
    expect(w.findAll('[data-test=watermark]').map((x) => x.text())).toEqual(['草稿', '草稿']);
  });
});
