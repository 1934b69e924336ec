import { describe, expect, it } from 'vitest';
import IndicatorEditor from '@/components/indicator/IndicatorEditor.vue';
import type { IndicatorNode } from '@/domain/model';
import { parseTarget } from '@/domain/targets/parse';
import { mountWithApp } from '../../fixtures/mount';

const node: IndicatorNode = {
  id: 'a', createdAt: '', updatedAt: '', rev: 3, planId: 'p', parentId: 'q', level: 3, order: 1,
  name: '开展职工权益保障和职工服务等活动（人次）', targetText: '不少于800人次', target: parseTarget('不少于800人次').spec, weightCp: 358,
};

function mountEditor(n: IndicatorNode | null = node) {
  return mountWithApp(IndicatorEditor, { props: { node: n, year: 2022 } });
}

describe('IndicatorEditor', () => {
  it('shows how a valid target is read while typing, and saves name, text, spec and points', async () => {
    const w = mountEditor();
    await w.get('[data-test=target]').setValue('不少于 900 人次');
    expect(w.text()).toContain('识别为');
    expect(w.text()).toContain('不少于900人次');
    expect(w.text()).toContain('≥ 正向');
    await w.get('[data-test=weight]').setValue('4');
    await w.get('form').trigger('submit');
    const [draft] = w.emitted('save')![0] as unknown as [Record<string, unknown>];
    expect(draft).toMatchObject({ name: node.name, targetText: '不少于900人次', target: { op: 'GE', value: 900, unit: '人次' }, weightCp: 400 });
  });

  it.each([
    ['≥9..0%', '不是有效的数字'],
    ['', '目标值不能为空'],
    ['2022年2月30日前', '日期不存在'],
    ['90%-80%', '区间下限大于上限'],
    ['不少于人次', '缺少数值'],
  ])('an invalid target %j shows what is wrong and is not saved', async (text, message) => {
    const w = mountEditor();
    await w.get('[data-test=target]').setValue(text);
    expect(w.get('[role=alert]').text()).toContain(message);
    expect(w.get('[data-test=target]').attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-test=save]').attributes('disabled')).toBeDefined();
    await w.get('form').trigger('submit'); // Enter in a field submits the form
    expect(w.emitted('save')).toBeUndefined();
  });

  it('refuses an empty name and malformed points', async () => {
    const w = mountEditor();
    await w.get('[data-test=name]').setValue('  ');
    await w.get('form').trigger('submit');
    expect(w.text()).toContain('请填写指标名称');
    await w.get('[data-test=name]').setValue('新名称');
    await w.get('[data-test=weight]').setValue('3.555');
    await w.get('form').trigger('submit');
    expect(w.text()).toContain('分值应为');
    expect(w.emitted('save')).toBeUndefined();
  });

  it('a 不适用 target carries no points', async () => {
    const w = mountEditor();
    await w.get('[data-test=target]').setValue('不适用');
    expect(w.find('[data-test=weight]').exists()).toBe(false);
    await w.get('form').trigger('submit');
    expect((w.emitted('save')![0] as [{ weightCp: unknown }])[0].weightCp).toBeNull();
  });

  it('qualitative text is accepted and said to be qualitative', async () => {
    const w = mountEditor(null);
    await w.get('[data-test=name]').setValue('职工安全意识');
    await w.get('[data-test=target]').setValue('有效提升');
    expect(w.text()).toContain('按定性指标处理');
    await w.get('form').trigger('submit');
    expect((w.emitted('save')![0] as [{ target: { op: string } }])[0].target.op).toBe('QUAL');
  });

  it('Escape cancels', async () => {
    const w = mountEditor();
    await w.get('form').trigger('keydown', { key: 'Escape' });
    expect(w.emitted('cancel')).toHaveLength(1);
  });
});

describe('IndicatorEditor: where the actual comes from', () => {
  it('offers the derived measure first and saves a chosen one; "automatic" saves none', async () => {
    const rate: IndicatorNode = { ...node, name: '上解上级工会经费准确率', targetText: '100%', target: parseTarget('100%').spec };
    const w = mountEditor(rate);
    const options = w.findAll('[data-test=measure] option').map((o) => o.attributes('value'));
    expect(options).toEqual(['', 'rate', 'satisfaction', 'manual']);
    await w.get('[data-test=measure]').setValue('manual');
    await w.get('form').trigger('submit');
    expect((w.emitted('save')![0] as unknown as [{ measure: string }])[0].measure).toBe('manual');
    await w.get('[data-test=measure]').setValue('');
    await w.get('form').trigger('submit');
    expect((w.emitted('save')![1] as unknown as [{ measure: unknown }])[0].measure).toBeUndefined();
  });

  it('a choice that no longer fits the edited target is not saved', async () => {
    const w = mountEditor({ ...node, measure: 'count' });
    await w.get('[data-test=target]').setValue('≥90%'); // a percentage cannot be a running count
    await w.get('form').trigger('submit');
    expect((w.emitted('save')![0] as unknown as [{ measure: unknown }])[0].measure).toBeUndefined();
  });
});
