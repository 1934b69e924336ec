/** Messages of the monitoring view (en); merged under the key 'monitoring' by i18n/index.ts. */
export default {
  title: 'monitoring',
};
