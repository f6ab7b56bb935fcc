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

#[cfg(test)]
mod tests {
    use super::sort_by_key;

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
