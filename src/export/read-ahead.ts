// Keeps up to `limit` items of an async source read ahead of the consumer, so the next page of a database
// read is in flight while the current one is being written (the server and the export overlap on two cores).

/** Yields `source`'s items in order, pulling up to `limit` of them before they are asked for. */
export async function* readAhead<T>(source: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]()
  const buffer: T[] = []
  let finished = false
  let failure: { error: unknown } | null = null
  // Held in an object: the two sides set and call these across awaits, which flow narrowing cannot follow.
  const wake: { consumer: (() => void) | null; producer: (() => void) | null } = { consumer: null, producer: null }
  let stopped = false
  let exhausted = false

  const pump = async (): Promise<void> => {
    try {
      while (!stopped) {
        if (buffer.length >= limit) {
          await new Promise<void>((resolve) => (wake.producer = resolve))
          wake.producer = null
          continue
        }
        const next = await iterator.next()
        if (next.done) {
          exhausted = true
          break
        }
        buffer.push(next.value)
        wake.consumer?.()
      }
    } catch (error) {
      failure = { error }
    } finally {
      finished = true
      wake.consumer?.()
    }
  }
  const pumping = pump()

  try {
    for (;;) {
      if (buffer.length > 0) {
        const item = buffer.shift() as T
        wake.producer?.()
        yield item
        continue
      }
      if (failure) throw (failure as { error: unknown }).error
      if (finished) return
      await new Promise<void>((resolve) => (wake.consumer = resolve))
      wake.consumer = null
    }
  } finally {
    stopped = true
    wake.producer?.()
    await pumping
    // The consumer stopped early (or failed): let the source close its cursor or connection.
    if (!exhausted && !failure) await iterator.return?.()
  }
}
