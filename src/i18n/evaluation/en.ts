/** Messages of the evaluation view (en); merged under the key 'evaluation' by i18n/index.ts. */
export default {
  title: 'evaluation',
};
