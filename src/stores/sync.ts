import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Choice } from '@/domain/merge/merge-record';
import type { MergeItem } from '@/domain/merge/plan';
import type { BridgeStatus, SyncConfig, SyncHandle } from '@/sync';

/**
 * Live sync's status (issue #11): the rest of the app knows sync only through this store. The sync module itself is
 * a dynamic import, loaded when a connection is configured, so the first screen does not carry PouchDB.
 * The configuration (server, database, user, unit) is kept in localStorage; the password never is.
 */
const CONFIG_KEY = 'jixiao.sync';

export type SyncPhase = 'off' | 'connecting' | 'starting' | 'syncing' | 'upToDate' | 'offline' | 'error' | 'otherTab' | 'stopped';

function savedConfig(): SyncConfig | null {
  try {
    const v = JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null') as SyncConfig | null;
    return v && typeof v.server === 'string' && typeof v.db === 'string' && typeof v.user === 'string' && typeof v.unitId === 'string' ? v : null;
  } catch {
    return null;
  }
}

const load = () => import('@/sync');

export const useSyncStore = defineStore('sync', () => {
  const config = ref<SyncConfig | null>(savedConfig());
  const status = shallowRef<BridgeStatus | null>(null);
  const otherTab = ref(false);
  const connectError = ref<string | null>(null);
  const busy = ref(false);
  const clashItems = shallowRef<MergeItem[]>([]);
  const names = shallowRef<Record<string, string>>({});
  const self = ref('');
  let handle: SyncHandle | undefined;
  let lastClashes = -1;

  const phase = computed<SyncPhase>(() => {
    if (!config.value) return busy.value ? 'connecting' : 'off';
    if (otherTab.value) return 'otherTab';
    return status.value?.phase ?? 'starting';
  });
  const clashes = computed(() => status.value?.clashes ?? 0);
  const refusals = computed(() => status.value?.refusals ?? []);
  /** "table:id" of every record with a clash waiting, for views to badge the record itself. */
  const clashKeys = computed(() => new Set(clashItems.value.map((i) => `${i.table}:${i.id}`)));
  /** The session expired or the user lost access: the password is asked again. */
  const needsSignIn = computed(() => status.value?.phase === 'error' && status.value.error === 'unauthorized');

  function onStatus(s: BridgeStatus | 'otherTab') {
    if (s === 'otherTab') {
      otherTab.value = true;
      return;
    }
    otherTab.value = false;
    status.value = s;
    if (s.clashes !== lastClashes) {
      lastClashes = s.clashes;
      void refreshClashes();
    }
  }

  async function refreshClashes() {
    if (!handle) return;
    const c = await handle.clashes();
    clashItems.value = c.items;
    names.value = c.names;
    self.value = c.self;
  }

  /** At app start: resumes a configured sync (the session cookie may still be valid; if not, the status says so). */
  async function resume() {
    if (!config.value || handle) return;
    const m = await load();
    handle = m.startSync(config.value, onStatus);
  }

  async function connect(server: string, db: string, user: string, password: string): Promise<boolean> {
    busy.value = true;
    connectError.value = null;
    try {
      const m = await load();
      const res = await m.signInTo(server, db, user, password);
      if (!res.ok) {
        connectError.value = res.reason;
        return false;
      }
      await handle?.stop();
      handle = undefined;
      config.value = res.config;
      localStorage.setItem(CONFIG_KEY, JSON.stringify(res.config));
      status.value = null;
      lastClashes = -1;
      handle = m.startSync(res.config, onStatus);
      return true;
    } finally {
      busy.value = false;
    }
  }

  async function disconnect() {
    const c = config.value;
    const h = handle;
    handle = undefined;
    config.value = null;
    status.value = null;
    clashItems.value = [];
    localStorage.removeItem(CONFIG_KEY);
    if (c) await (await load()).disconnect(h, c);
  }

  async function resolve(key: string, choice: Choice) {
    if (!handle) return false;
    // A plain copy: the component's choice is a reactive proxy, which IndexedDB cannot store.
    const ok = await handle.resolve(key, JSON.parse(JSON.stringify(choice)) as Choice);
    await refreshClashes();
    return ok;
  }

  async function dismissRefusal(key: string) {
    await handle?.dismissRefusal(key);
  }

  return { config, status, phase, clashes, clashKeys, refusals, needsSignIn, connectError, busy, clashItems, names, self, resume, connect, disconnect, resolve, dismissRefusal, refreshClashes };
});
