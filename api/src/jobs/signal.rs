//! Waking and stopping background threads. Threads hold an `Arc<Signal>`; the application state
//! holds a `Stopper`, so when the last copy of the state goes away (a test server stops) the
//! threads end instead of polling a database that no longer exists.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

#[derive(Default)]
pub struct Signal {
    stop: AtomicBool,
    woken: Mutex<bool>,
    cv: Condvar,
}

impl Signal {
    /// Wakes one waiting thread now (new work was committed).
    pub fn wake(&self) {
        *self.woken.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.cv.notify_all();
    }

    /// Sleeps up to `timeout` or until woken; false once the owner stopped.
    pub fn wait(&self, timeout: Duration) -> bool {
        let guard = self.woken.lock().unwrap_or_else(|p| p.into_inner());
        let (mut woken, _) = self
            .cv
            .wait_timeout_while(guard, timeout, |w| !*w && !self.stop.load(Ordering::SeqCst))
            .unwrap_or_else(|p| p.into_inner());
        *woken = false;
        !self.stopped()
    }

    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.cv.notify_all();
    }
}

/// Stops the signal's threads when dropped.
pub struct Stopper(pub Arc<Signal>);

impl Drop for Stopper {
    fn drop(&mut self) {
        self.0.stop();
    }
}
