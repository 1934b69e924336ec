import { beforeEach, describe, expect, it } from 'vitest';
import EntryForm from '@/components/activity/EntryForm.vue';
import type { PickerOption } from '@/components/activity/IndicatorPicker.vue';
import { seedIfEmpty } from '@/db/repositories/seed';
import { listPlans } from '@/db/repositories/plans';
import { listIndicators } from '@/db/repositories/indicators';
import { addEntry } from '@/db/repositories/entries';
import type { IndicatorNode } from '@/domain/model';
import { isApplicable } from '@/domain/targets/tree';
import { initials } from '@/domain/pinyin';
import type { JixiaoDb } from '@/db/database';
import { freshDb } from '../../fixtures/db';
import { flush, mountWithApp } from '../../fixtures/mount';

let d: JixiaoDb;
let nodes: IndicatorNode[];
let options: PickerOption[];

beforeEach(async () => {
  d = await freshDb();
  await seedIfEmpty();
  const plan = (await listPlans()).find((p) => p.seedKey === 'yantian-2022/unit')!;
  nodes = await listIndicators(plan.id);
  options = nodes.filter(isApplicable).map((n) => ({ id: n.id, name: n.name, path: '', targetText: n.targetText ?? '', search: `${n.name} ${initials(n.name)}`.toLowerCase() }));
});

/** The form wired to the real repository, as the activity view wires it. */
function mountForm() {
  return mountWithApp(EntryForm, {
    props: {
      nodes,
      options,
      recent: [],
      year: 2022,
      defaultDate: '2022-06-15',
      recorder: '张敏',
      recorders: [],
      save: async (id: string, input: Parameters<typeof addEntry>[1]) => {
        await addEntry(id, input);
      },
    },
  });
}

async function pick(w: ReturnType<typeof mountForm>, search: string) {
  const picker = w.get('[data-test=picker]');
  await picker.trigger('focus');
  await picker.setValue(search);
  await picker.trigger('keydown', { key: 'Enter' });
}

async function submit(w: ReturnType<typeof mountForm>) {
  await w.get('form').trigger('submit');
  await flush();
  await flush();
}

const fieldError = (w: ReturnType<typeof mountForm>, testId: string) => w.get(`[data-test=${testId}]`).element.parentElement!.querySelector('[role=alert]')?.textContent ?? null;

describe('EntryForm: every invalid input is refused beside its field and writes nothing', () => {
  it('no indicator picked', async () => {
    const w = mountForm();
    await submit(w);
    expect(w.text()).toContain('请先选择指标');
    expect(await d.entries.count()).toBe(0);
  });

  it.each([
    ['-5', '不能为负数'],
    ['0', '不能为 0'],
    ['2.5', '该单位只能是整数'],
    ['abc', '请输入数字'],
    ['', '必填'],
    ['30人', '单位应为“人次”，不能填“人”'],
  ])('count amount %j → %s', async (amount, message) => {
    const w = mountForm();
    await pick(w, '权益保障和职工服务等活动');
    await w.get('[data-test=amount]').setValue(amount);
    await submit(w);
    expect(fieldError(w, 'amount')).toContain(message);
    expect(w.get('[data-test=amount]').attributes('aria-invalid')).toBe('true');
    expect(await d.entries.count()).toBe(0);
  });

  it('a date outside the plan year', async () => {
    const w = mountForm();
    await pick(w, '权益保障和职工服务等活动');
    await w.get('[data-test=amount]').setValue('40');
    await w.get('[data-test=date]').setValue('2023-01-03');
    await submit(w);
    expect(fieldError(w, 'date')).toContain('日期不在计划年度内');
    expect(await d.entries.count()).toBe(0);
  });

  it('numerator greater than denominator on a rate', async () => {
    const w = mountForm();
    await pick(w, '及时发放率');
    await w.get('[data-test=numerator]').setValue('11');
    await w.get('[data-test=denominator]').setValue('10');
    await submit(w);
    expect(fieldError(w, 'numerator')).toContain('不能大于总数');
    expect(await d.entries.count()).toBe(0);
  });

  it('a zero denominator', async () => {
    const w = mountForm();
    await pick(w, '服务职工满意度');
    await w.get('[data-test=numerator]').setValue('0');
    await w.get('[data-test=denominator]').setValue('0');
    await submit(w);
    expect(fieldError(w, 'denominator')).toContain('总数不能为 0');
    expect(await d.entries.count()).toBe(0);
  });

  it('no recorder', async () => {
    const w = mountForm();
    await pick(w, '权益保障和职工服务等活动');
    await w.get('[data-test=amount]').setValue('40');
    await w.get('[data-test=recorded-by]').setValue('');
    await submit(w);
    expect(fieldError(w, 'recorded-by')).toContain('必填');
    expect(await d.entries.count()).toBe(0);
  });
});

describe('EntryForm: valid entries', () => {
  it('saves, then keeps indicator and date and clears the amount for the next entry', async () => {
    const w = mountForm();
    await pick(w, '权益保障和职工服务等活动');
    await w.get('[data-test=amount]').setValue('４０人次'); // full-width digits and the right unit are fine
    await w.get('[data-test=note]').setValue('法律讲座');
    await submit(w);
    const [saved] = await d.entries.toArray();
    expect(saved).toMatchObject({ amount: 40, date: '2022-06-15', recordedBy: '张敏', note: '法律讲座' });
    expect((w.get('[data-test=amount]').element as HTMLInputElement).value).toBe('');
    expect((w.get('[data-test=picker]').element as HTMLInputElement).value).toBe('开展职工权益保障和职工服务等活动（人次）');
    await w.get('[data-test=amount]').setValue('25');
    await submit(w);
    expect(await d.entries.count()).toBe(2);
  });

  it('a rate entry stores numerator and denominator only', async () => {
    const w = mountForm();
    await pick(w, '及时发放率');
    await w.get('[data-test=numerator]').setValue('45');
    await w.get('[data-test=denominator]').setValue('50');
    await submit(w);
    const [saved] = await d.entries.toArray();
    expect(saved).toMatchObject({ numerator: 45, denominator: 50 });
    expect(saved!.amount).toBeUndefined();
  });

  it('the picker finds by any part of the name and Enter picks without submitting', async () => {
    const calls: string[] = [];
    const w = mountWithApp(EntryForm, {
      props: { nodes, options, recent: [], year: 2022, defaultDate: '2022-06-15', recorder: '张敏', recorders: [], save: async (id: string) => void calls.push(id) },
    });
    await pick(w, '疗休养活动人数');
    await flush();
    expect(calls).toEqual([]);
    expect(w.text()).toContain('“人”为不重复人数');
    await w.get('[data-test=amount]').setValue('12');
    await submit(w);
    expect(calls).toEqual([nodes.find((n) => n.name === '劳模、先进生产者等有关人员疗休养活动人数')!.id]);
  });

  it('the picker also finds by pinyin initials (lxy → 疗休养)', async () => {
    const w = mountForm();
    await pick(w, 'lxyhdrs');
    expect((w.get('[data-test=picker]').element as HTMLInputElement).value).toBe('劳模、先进生产者等有关人员疗休养活动人数');
  });

  it('leaving the picker after typing a different name never saves to the previous indicator', async () => {
    const calls: string[] = [];
    const w = mountWithApp(EntryForm, {
      props: { nodes, options, recent: [], year: 2022, defaultDate: '2022-06-15', recorder: '张敏', recorders: [], save: async (id: string) => void calls.push(id) },
    });
    await pick(w, '权益保障和职工服务等活动');
    const picker = w.get('[data-test=picker]');
    await picker.setValue('登山等文体活动参与人次'); // one match: Tab away picks it
    await picker.trigger('blur');
    expect((picker.element as HTMLInputElement).value).toBe('开展职工趣味运动会、登山等文体活动参与人次');
    await picker.setValue('率'); // many matches: the field goes back to what is selected
    await picker.trigger('blur');
    expect((picker.element as HTMLInputElement).value).toBe('开展职工趣味运动会、登山等文体活动参与人次');
    await w.get('[data-test=amount]').setValue('3');
    await submit(w);
    expect(calls).toEqual([nodes.find((n) => n.name === '开展职工趣味运动会、登山等文体活动参与人次')!.id]);
  });
});

describe('EntryForm: a failed save', () => {
  it('says the storage is full, keeps what was typed, and writes nothing', async () => {
    const w = mountWithApp(EntryForm, {
      props: {
        nodes, options, recent: [], year: 2022, defaultDate: '2022-06-15', recorder: '张敏', recorders: [],
        save: async () => {
          // Dexie's shape of a quota failure: an AbortError wrapping QuotaExceededError.
          throw Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: Object.assign(new Error('full'), { name: 'QuotaExceededError' }) });
        },
      },
    });
    await pick(w, '权益保障和职工服务等活动');
    await w.get('[data-test=amount]').setValue('40');
    await submit(w);
    expect(w.get('.ef-failure').text()).toContain('存储空间已满');
    expect((w.get('[data-test=amount]').element as HTMLInputElement).value).toBe('40');
    expect(await d.entries.count()).toBe(0);
  });
});

describe('EntryForm: quick entry starts in the indicator picker', () => {
  it('focuses the picker in the frame after it mounts, not during the mount (focus lays the new page out at once)', async () => {
    const w = mountForm();
    const picker = w.get('[data-test=picker]').element;
    expect(document.activeElement).not.toBe(picker);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(document.activeElement).toBe(picker);
    w.unmount();
  });
});
