import { shallowRef } from 'vue';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel?: string;
  danger?: boolean;
  resolve: (ok: boolean) => void;
}

/** One confirmation at a time, shown by <ConfirmHost> in the app shell. */
const pending = shallowRef<ConfirmRequest | null>(null);

export function useConfirm() {
  function confirm(req: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
    pending.value?.resolve(false);
    return new Promise((resolve) => {
      pending.value = { ...req, resolve };
    });
  }
  function answer(ok: boolean) {
    const req = pending.value;
    pending.value = null;
    req?.resolve(ok);
  }
  return { pending, confirm, answer };
}
