/**
 * A message channel between the sync engines of one database (tabs of one origin share it):
 * followers ask the leader to sync now and hear back how it went. BroadcastChannel where it
 * exists (browsers, Node 20); a no-op elsewhere.
 */

/** Messages on the channel. */
export type SyncChannelMessage =
  | { readonly type: 'sync-request'; readonly requestId: string }
  | { readonly type: 'sync-result'; readonly requestId: string; readonly ok: boolean; readonly error?: { code: string; status: number; message: string } };

/** One engine's end of the channel. */
export interface SyncChannel {
  post(message: SyncChannelMessage): void;
  subscribe(listener: (message: SyncChannelMessage) => void): () => void;
  close(): void;
}

/** Opens the channel named `name` (e.g. per database id). */
export function openSyncChannel(name: string): SyncChannel {
  const BC = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (BC === undefined) return { post: () => undefined, subscribe: () => () => undefined, close: () => undefined };
  const channel = new BC(name);
  const listeners = new Set<(m: SyncChannelMessage) => void>();
  // A round still running when its engine stops may report its status after the close:
  // dropped, since nobody listens any more (a closed BroadcastChannel would throw).
  let closed = false;
  channel.onmessage = (event: MessageEvent<SyncChannelMessage>) => {
    for (const l of listeners) l(event.data);
  };
  return {
    post: (m) => {
      if (!closed) channel.postMessage(m);
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => {
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}
