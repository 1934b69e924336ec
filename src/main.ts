import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { makeRouter } from './router';
import { makeI18n, savedLocale } from './i18n';
import './styles.css';

document.documentElement.lang = savedLocale();
createApp(App).use(createPinia()).use(makeRouter()).use(makeI18n()).mount('#app');
