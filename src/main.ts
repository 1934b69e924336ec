import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter, warmViews } from './router';
import { firstScreenRead } from './composables/firstScreen';
import { keepFiledAfterStartup } from './stores/filed';
import { makeI18n, savedLocale } from './i18n';
import { useNotices } from './composables/useNotices';
import { errorText } from './composables/errorText';
import { registerAppUpdates } from './composables/useAppUpdate';
import './styles.css';

document.documentElement.lang = savedLocale();
const i18n = makeI18n();
const router = makeRouter();
const app = createApp(App).use(createPinia()).use(router).use(i18n);
// Anything a handler forgot to catch is still said to the user, not only to the console.
app.config.errorHandler = (err) => {
  console.error(err);
  useNotices().notify(errorText(err, i18n.global.t as (k: string, p?: Record<string, unknown>) => string), { kind: 'error' });
};
app.mount('#app');
// What can wait starts once the first screen has its data: the filed digests (what the district view opens with) first,
// then the other views' scripts, one per idle period.
const firstScreen = firstScreenRead(router.isReady());
keepFiledAfterStartup(firstScreen);
warmViews(firstScreen);
void registerAppUpdates().catch((e: unknown) => console.warn(e));
