/** Messages of the plan picker in the app bar (English); merged under the key 'picker' by i18n/index.ts. */
export default {
  label: 'Choose a plan',
  placeholder: 'Search plans: name, unit, year or pinyin initials',
  listLabel: 'Matching plans',
  more: '{n} more — refine the search',
  none: 'No plan matches',
  count: '{n} matches',
};
