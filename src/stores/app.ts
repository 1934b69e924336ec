import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { seedIfEmpty } from '@/db/repositories/seed';
import { hadDataBefore, markHasData, onVersionChange, requestPersistence, type StorageState } from '@/db/storage';
import { isDatabaseEmpty } from '@/db/repositories/stats';
import { firstReadStarted } from '@/composables/firstScreen';

/** Start-up state: first-run seeding, storage durability, and the banners that come with them. */
export const useAppStore = defineStore('app', () => {
  const status = ref<'starting' | 'ready' | 'failed'>('starting');
  const startError = shallowRef<unknown>(null);
  const storage = shallowRef<StorageState>({ persisted: null, usageBytes: null, quotaBytes: null });
  /** The database was found empty although this browser had data: we did not seed; the user decides. */
  const dataMissing = ref(false);
  const closedByNewerVersion = ref(false);

  async function start() {
    // The views mount only once the database is open (and seeded when empty): until then the first screen waits for
    // this as for a read, so the deferred start-up work (firstScreen.ts) does not begin in between.
    const answered = firstReadStarted();
    try {
      onVersionChange(() => (closedByNewerVersion.value = true));
      const empty = await isDatabaseEmpty();
      if (empty && hadDataBefore()) {
        dataMissing.value = true;
      } else {
        // Only an empty database needs the seed's write transaction (which checks again, for a second tab racing
        // this one): opened on every start it waited for the first screen's reads of the same tables to finish.
        if (empty) await seedIfEmpty();
        markHasData();
      }
      status.value = 'ready';
      storage.value = await requestPersistence();
    } catch (e) {
      startError.value = e;
      status.value = 'failed';
    } finally {
      answered();
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
