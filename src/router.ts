import { whenIdle } from './composables/whenIdle';
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

/** Hash history: the built app works from any static server or sub-path on a closed network, no rewrites needed. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', component: () => import('./views/DashboardView.vue'), meta: { navKey: 'dashboard', charts: true } },
  { path: '/indicators', component: () => import('./views/IndicatorsView.vue'), meta: { navKey: 'indicators' } },
  { path: '/activity', component: () => import('./views/ActivityView.vue'), meta: { navKey: 'activity' } },
  { path: '/monitoring', component: () => import('./views/MonitoringView.vue'), meta: { navKey: 'monitoring', charts: true } },
  { path: '/evaluation', component: () => import('./views/EvaluationView.vue'), meta: { navKey: 'evaluation', charts: true } },
  { path: '/report', component: () => import('./views/ReportView.vue'), meta: { navKey: 'report' } },
  { path: '/district', component: () => import('./views/DistrictView.vue'), meta: { navKey: 'district' } },
  { path: '/data', component: () => import('./views/DataView.vue'), meta: { navKey: 'data' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export function makeRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes });
  // A view with charts starts loading the chart library as it is navigated to, beside its own chunk and its data
  // reads, instead of when its first chart mounts: at district scale that wait was a good part of the time to a drawn
  // dashboard. It stays out of the first screen's scripts (a dynamic import); a failure is reported by the chart.
  router.beforeEach((to) => {
    if (to.meta.charts) void import('./charts/echarts').catch(() => undefined);
  });
  return router;
}

/**
 * Loads every view's script in idle time once the first screen has its data (`firstScreen`), so that a later navigation
 * waits for its data only: fetching and compiling a view's chunk on the click took about 100 ms at district scale
 * (issue #10), where the page shares two cores with IndexedDB. The chunks stay out of the first screen's scripts; a
 * failure here is silent because the navigation itself loads the chunk again and reports its own error.
 */
export function warmViews(firstScreen: Promise<unknown>): void {
  const loaders = routes.flatMap((r) => (typeof r.component === 'function' ? [r.component as () => Promise<unknown>] : []));
  // One view per idle period: compiling them all in one go would be a task of its own while the user works.
  const next = () => {
    const load = loaders.shift();
    if (load) whenIdle(() => void load().catch(() => undefined).finally(next));
  };
  void firstScreen.then(next);
}

export const navKeys = ['dashboard', 'indicators', 'activity', 'monitoring', 'evaluation', 'report', 'district', 'data'] as const;
