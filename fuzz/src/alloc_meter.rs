//! A global allocator that counts, per thread, the bytes live and the largest single allocation,
//! so that a property can bound the memory one input makes the server take (a declared
//! `Content-Length` must not be allocated on trust).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Meter;

thread_local! {
    // Const-initialised and without destructor: usable from inside the allocator.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn grew(size: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(size);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
}

fn shrank(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(size)));
}

// SAFETY: every call is passed on unchanged to the system allocator; the counters are
// thread-local cells that neither allocate nor panic.
unsafe impl GlobalAlloc for Meter {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        shrank(layout.size());
        grew(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static METER: Meter = Meter;

/// What this thread allocated while `f` ran: the peak of bytes live above the start, and the
/// largest single allocation.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// Highest number of bytes live at once, counted from the start of `f`.
    pub peak: usize,
    /// Largest single allocation (or reallocation's new size).
    pub largest: usize,
}

/// Runs `f` and reports its allocations on this thread.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Usage) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    LARGEST.with(|l| l.set(0));
    let out = f();
    let usage = Usage {
        peak: PEAK.with(Cell::get).saturating_sub(start),
        largest: LARGEST.with(Cell::get),
    };
    (out, usage)
}
