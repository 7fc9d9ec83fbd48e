//! The work a preview does after a save's pages are served: the search index and the count of
//! warnings. Both span the whole site and take longer than the pages, so they run at a lower
//! priority and on a thread pool of their own: the next save's rebuild (on rayon's global
//! pool) and the server never wait behind them, and a page asked for is sent at once.

use std::sync::OnceLock;

/// How much less the background work counts for the system's scheduler (`nice`).
const NICER: i32 = 10;

/// Runs `work` at a lower priority, with its parallel parts on the background pool.
pub fn run<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    lower_priority();
    match pool() {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// The background pool: as many threads as rayon's global pool, each at a lower priority.
/// `None` when no thread can be started; the work then runs in the calling thread.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .thread_name(|n| format!("brobygger-background-{n}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// Lowers the calling thread's priority (Linux gives each thread its own); elsewhere the
/// work runs at the same priority, still apart from the rebuild's pool.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority and gettid only read their arguments; a failure leaves the
    // priority as it was, which is harmless.
    unsafe {
        let me = libc::gettid() as libc::id_t;
        let now = libc::getpriority(libc::PRIO_PROCESS, me);
        if now < NICER {
            libc::setpriority(libc::PRIO_PROCESS, me, NICER);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    fn priority() -> i32 {
        // SAFETY: as in `lower_priority`.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn background_work_runs_at_a_lower_priority_off_the_rebuilds_pool() {
        let (priority_of_work, priorities_of_parts, in_background_pool) =
            std::thread::spawn(|| {
                run(|| {
                    use rayon::prelude::*;
                    let parts: Vec<i32> = (0..64).into_par_iter().map(|_| priority()).collect();
                    let named = std::thread::current()
                        .name()
                        .is_some_and(|n| n.starts_with("brobygger-background-"));
                    (priority(), parts, named)
                })
            })
            .join()
            .unwrap();
        assert_eq!(priority_of_work, NICER);
        assert!(priorities_of_parts.iter().all(|&p| p == NICER));
        assert!(in_background_pool, "the work runs in the background pool");
        assert!(
            priority() < NICER,
            "the caller's own thread keeps its priority"
        );
    }
}
