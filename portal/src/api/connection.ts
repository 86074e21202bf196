import { useSyncExternalStore } from "react";

/** Whether the server answered the last request: a lost connection shows a banner until it does again. */
let online = true;
const listeners = new Set<() => void>();

export function setOnline(value: boolean) {
  if (online === value) return;
  online = value;
  for (const listener of listeners) listener();
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => online,
  );
}
