import { nextTick, ref, watch } from 'vue';

/**
 * A native <dialog> shown as a modal while `open()` is true: one place for opening (with a fallback where
 * showModal is missing, as in jsdom) and closing, shared by the app's dialogs. `onOpen` runs once it is shown,
 * to reset the form and move the focus.
 */
export function useModalDialog(open: () => boolean, onOpen?: () => void) {
  const dialog = ref<HTMLDialogElement | null>(null);
  watch(open, async (isOpen) => {
    await nextTick();
    const d = dialog.value;
    if (!d) return;
    if (isOpen && !d.open) {
      if (d.showModal) d.showModal();
      else d.setAttribute('open', '');
      onOpen?.();
    } else if (!isOpen && d.open) {
      d.close?.();
      d.removeAttribute('open');
    }
  });
  return dialog;
}
