// How `syncOrders` hears that a request of a platform's `doSync` may still reach the platform:
// it hands `doSync` a signal of its own and ties a listener to it, under a registered symbol (so
// that two copies of core in one process agree), and the transport tells the listener about the
// calls made with that signal. A platform that passes the signal on to its transport calls, as it
// must for aborts, needs nothing more.

const listenerKey = Symbol.for('@ordersync/core.doubtListener')

/**
 * What the transport tells about the calls that carry the order, each call known by an object of
 * its own: when an attempt starts, and when one may still reach the platform later.
 */
export interface DoubtListener {
  /** An attempt of `call` is about to be sent. */
  readonly sending: (call: object) => void
  /** An attempt of `call` ended without an answer that settles it: it may still arrive. */
  readonly inDoubt: (call: object) => void
  /**
   * The ids of the orders the calls carry, when the run asked for them on its spans
   * (`traceOrderIds`): the call's span names them.
   */
  readonly orderIds?: readonly string[]
}

type ListenedSignal = AbortSignal & { [listenerKey]?: DoubtListener }

/** Ties `listener` to `signal`: every transport call made with that signal tells it about itself. */
export function listenForDoubt(signal: AbortSignal, listener: DoubtListener): void {
  ;(signal as ListenedSignal)[listenerKey] = listener
}

/** The listener tied to `signal`, if any. */
export function doubtListenerOf(signal: AbortSignal | undefined): DoubtListener | undefined {
  return (signal as ListenedSignal | undefined)?.[listenerKey]
}
