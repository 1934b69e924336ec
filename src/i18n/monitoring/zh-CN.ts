/** Messages of the monitoring view (zh-CN); merged under the key 'monitoring' by i18n/index.ts. */
export default {
  title: 'monitoring',
};
