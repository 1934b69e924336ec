import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { seedIfEmpty } from '@/db/repositories/seed';
import { hadDataBefore, markHasData, onVersionChange, requestPersistence, type StorageState } from '@/db/storage';
import { isDatabaseEmpty } from '@/db/repositories/stats';

/** Start-up state: first-run seeding, storage durability, and the banners that come with them. */
export const useAppStore = defineStore('app', () => {
  const status = ref<'starting' | 'ready' | 'failed'>('starting');
  const startError = shallowRef<unknown>(null);
  const storage = shallowRef<StorageState>({ persisted: null, usageBytes: null, quotaBytes: null });
  /** The database was found empty although this browser had data: we did not seed; the user decides. */
  const dataMissing = ref(false);
  const closedByNewerVersion = ref(false);

  async function start() {
    try {
      onVersionChange(() => (closedByNewerVersion.value = true));
      if ((await isDatabaseEmpty()) && hadDataBefore()) {
        dataMissing.value = true;
      } else {
        await seedIfEmpty();
        markHasData();
      }
      status.value = 'ready';
      storage.value = await requestPersistence();
    } catch (e) {
      startError.value = e;
      status.value = 'failed';
    }
  }

  function acknowledgeDataMissing() {
    dataMissing.value = false;
    markHasData();
  }

  async function refreshStorage() {
    storage.value = await requestPersistence();
  }

  return { status, startError, storage, dataMissing, closedByNewerVersion, start, acknowledgeDataMissing, refreshStorage };
});
