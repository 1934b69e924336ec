import { ref } from 'vue';

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'success' | 'error';
  action?: { label: string; run: () => unknown };
}

const notices = ref<Notice[]>([]);
let seq = 0;

/** Short messages at the bottom of the screen, optionally with one action (Undo). */
export function useNotices() {
  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id);
  }
  function notify(text: string, opts: { kind?: Notice['kind']; action?: Notice['action']; ms?: number } = {}) {
    const id = ++seq;
    notices.value = [...notices.value.slice(-3), { id, text, kind: opts.kind ?? 'info', action: opts.action }];
    // Undo needs time to reach for; errors stay until read.
    const ms = opts.ms ?? (opts.kind === 'error' ? 0 : opts.action ? 10000 : 4000);
    if (ms > 0) setTimeout(() => dismiss(id), ms);
    return id;
  }
  return { notices, notify, dismiss };
}
