import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

/** Hash history: the built app works from any static server or sub-path on a closed network, no rewrites needed. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', component: () => import('./views/DashboardView.vue'), meta: { navKey: 'dashboard' } },
  { path: '/indicators', component: () => import('./views/IndicatorsView.vue'), meta: { navKey: 'indicators' } },
  { path: '/activity', component: () => import('./views/ActivityView.vue'), meta: { navKey: 'activity' } },
  { path: '/monitoring', component: () => import('./views/MonitoringView.vue'), meta: { navKey: 'monitoring' } },
  { path: '/evaluation', component: () => import('./views/EvaluationView.vue'), meta: { navKey: 'evaluation' } },
  { path: '/report', component: () => import('./views/ReportView.vue'), meta: { navKey: 'report' } },
  { path: '/district', component: () => import('./views/DistrictView.vue'), meta: { navKey: 'district' } },
  { path: '/data', component: () => import('./views/DataView.vue'), meta: { navKey: 'data' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

export const navKeys = ['dashboard', 'indicators', 'activity', 'monitoring', 'evaluation', 'report', 'district', 'data'] as const;
