// How `syncOrders` hears that a request of a platform's `doSync` may still reach the platform:
// it hands `doSync` a signal of its own and ties a listener to it, under a registered symbol (so
// that two copies of core in one process agree), and the transport tells the listener of the
// signal its call carries. A platform that passes the signal on to its transport calls, as it must
// for aborts, needs nothing more.

const listenerKey = Symbol.for('@ordersync/core.onInDoubt')

type ListenedSignal = AbortSignal & { [listenerKey]?: () => void }

/** Ties `listener` to `signal`: every transport call made with that signal tells it of a request in doubt. */
export function listenForDoubt(signal: AbortSignal, listener: () => void): void {
  ;(signal as ListenedSignal)[listenerKey] = listener
}

/** The listener tied to `signal`, if any. */
export function doubtListenerOf(signal: AbortSignal | undefined): (() => void) | undefined {
  return (signal as ListenedSignal | undefined)?.[listenerKey]
}
