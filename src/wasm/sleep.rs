//! Waiting that an `AbortSignal` can cut short.

use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// Sleeps `ms` milliseconds. Returns `false` when `signal` aborted (before or during the wait).
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> bool {
    let Some(signal) = signal else {
        wait(ms).await;
        return true;
    };
    if signal.aborted() {
        return false;
    }
    let aborted = aborted(signal);
    let timer = Box::pin(wait(ms));
    match select(timer, aborted).await {
        Either::Left(_) => !signal.aborted(),
        Either::Right(_) => false,
    }
}

/// Resolves when `signal` aborts (the listener is removed when the future is dropped).
pub fn aborted(signal: &AbortSignal) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
    let (tx, rx) = oneshot::channel::<()>();
    let mut tx = Some(tx);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = tx.take() {
            let _ = tx.send(());
        }
    });
    let _ = signal.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref());
    let guard = ListenerGuard {
        signal: signal.clone(),
        callback,
    };
    Box::pin(async move {
        let _guard = guard;
        let _ = rx.await;
    })
}

struct ListenerGuard {
    signal: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}

/// gloo-timers takes `u32` milliseconds; longer waits are chained.
async fn wait(ms: u64) {
    let mut left = ms;
    while left > 0 {
        let step = left.min(i32::MAX as u64);
        TimeoutFuture::new(step as u32).await;
        left -= step;
    }
}
