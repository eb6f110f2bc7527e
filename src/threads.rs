//! Work split across the cores, for the passes over a large log.

/// The number of threads worth running.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The result of a scoped thread. A panic in it is a bug, raised again here rather
/// than lose its part of the work.
pub fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Applies `work` to `items`, split across the cores for a large batch, and merges in
/// order. `work` gets the index of its part's first item and the part.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &[T]) -> R + Sync,
    merge: impl Fn(R, R) -> R,
) -> R {
    let threads = cores();
    if threads < 2 || items.len() < 1024 {
        return work(0, items);
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(index, part)| scope.spawn(move || work(index * chunk, part)))
            .collect();
        let mut results = handles.into_iter().map(join);
        let first = results.next().unwrap_or_else(|| work(0, &[]));
        results.fold(first, &merge)
    })
}

/// `look` applied to every item (with its index in `items`), on every core for a large
/// batch; the results in the items' order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], look: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    parallel(
        items,
        |first, part| {
            // The first part has room for every result, so the merge copies only the
            // other parts' results into it and never moves its own.
            let mut results = Vec::with_capacity(if first == 0 { items.len() } else { part.len() });
            results.extend(
                part.iter()
                    .enumerate()
                    .map(|(index, item)| look(first + index, item)),
            );
            results
        },
        |mut a, mut b| {
            a.append(&mut b);
            a
        },
    )
}
