/** Messages of the plan picker in the app bar (zh-CN); merged under the key 'picker' by i18n/index.ts. */
export default {
  label: '选择计划',
  placeholder: '搜索计划：名称、单位、年度或拼音首字母',
  listLabel: '匹配的计划',
  more: '还有 {n} 个 — 请细化搜索',
  none: '没有匹配的计划',
  count: '{n} 个匹配',
};
