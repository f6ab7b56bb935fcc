//! Sorting for the short lists an event has: its sessions, its days, the events of an index.
//!
//! The standard library's sorts are fast on millions of items, but every element type gets its
//! own copy of a few KB of code — six of them were 11 KB of the attendee's wasm. An insertion sort
//! is a few dozen bytes, stable, and linear on what organizers write (sessions mostly in order);
//! even 1,000 sessions in reverse order take well under a millisecond of comparisons.

/// Sorts `items` by `key`, keeping the order of equal keys (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` (not stable) in O(n log n) with a heap sort: for lists an attacker can make long,
/// such as the backtick runs of a Markdown text, in a fraction of the code of `sort_unstable`.
pub fn heap_sort<T: Ord>(items: &mut [T]) {
    // Sift the item at `root` down the heap `items[..end]`.
    fn sift_down<T: Ord>(items: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && items[child] < items[child + 1] {
                child += 1;
            }
            if items[root] >= items[child] {
                return;
            }
            items.swap(root, child);
            root = child;
        }
    }
    let len = items.len();
    for root in (0..len / 2).rev() {
        sift_down(items, root, len);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::{heap_sort, sort_by_key};

    #[test]
    fn heap_sort_agrees_with_the_standard_sort() {
        let mut seed = 11u64;
        for len in (0..80).chain([1000, 4097]) {
            let mut items: Vec<(u64, u64)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (seed >> 60, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            heap_sort(&mut items);
            assert_eq!(items, expected, "{len} items");
        }
    }

    #[test]
    fn heap_sort_takes_a_hundred_thousand_items_in_reverse() {
        let mut items: Vec<u32> = (0..100_000).rev().collect();
        heap_sort(&mut items);
        assert!(items.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sorts_and_keeps_equal_keys_in_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |item| item.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_the_standard_sort_on_many_orders() {
        let mut seed = 7u64;
        for len in 0..60 {
            let mut items: Vec<u64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    seed >> 59
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            sort_by_key(&mut items, |x| *x);
            assert_eq!(items, expected);
        }
    }

    #[test]
    fn a_thousand_reversed_items_sort() {
        let mut items: Vec<u32> = (0..1000).rev().collect();
        sort_by_key(&mut items, |x| *x);
        assert!(items.windows(2).all(|w| w[0] < w[1]));
    }
}
