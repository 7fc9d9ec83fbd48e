//! The program's allocator, mimalloc, and how it is set.

/// Builds allocate many small strings on every core; mimalloc does that faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's C interface (the `mimalloc` crate links it; `libmimalloc-sys` declares this call
// only behind a feature that pulls in another crate).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_arena_eager_commit` in mimalloc's `mi_option_t` (the same number in v2 and v3).
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

/// Commits the allocator's memory as it is used, not a whole arena at once: a build's peak
/// resident memory is then about the heap it holds (10,000 long items: 281 -> 231 MiB, at about
/// 3 % more CPU; BENCHMARKS.md, "Memory, round 2"). `MIMALLOC_ARENA_EAGER_COMMIT` still decides
/// when it is set. It must run before the first allocation reserves an arena, so on Linux it
/// is a constructor the loader runs before `main` (and before anything else of Rust's).
pub extern "C" fn settings() {
    // SAFETY: getenv with a NUL-terminated name; mi_option_set only stores a number, which
    // mimalloc reads when it reserves an arena.
    unsafe {
        if libc::getenv(c"MIMALLOC_ARENA_EAGER_COMMIT".as_ptr()).is_null() {
            mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        }
    }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_SETTINGS: extern "C" fn() = settings;
