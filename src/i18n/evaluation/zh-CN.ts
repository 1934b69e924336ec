/** Messages of the evaluation view (zh-CN); merged under the key 'evaluation' by i18n/index.ts. */
export default {
  title: 'evaluation',
};
