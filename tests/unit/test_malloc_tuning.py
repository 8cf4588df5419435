"""A large block freed by a page-run thread goes back to the system instead of staying in glibc."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# RSS growth (MiB) after a worker thread twice builds and drops a 24 MB message, as a page run
# sending a big case list does; the first free is what makes glibc keep the next one.
_PROGRAM = textwrap.dedent(
    """
    import sys, threading
    from casebook.core.malloc_tuning import return_large_blocks

    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    if sys.argv[1] == "tuned":
        assert return_large_blocks()
    before = rss()

    def page_run():
        for _ in range(2):
            message = bytearray(b"x" * 24_000_000)
            del message

    worker = threading.Thread(target=page_run)
    worker.start()
    worker.join()
    print(rss() - before)
    """
)


def _kept_mib(mode: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _PROGRAM, mode], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_freed_large_block_is_returned_to_the_system() -> None:
    assert _kept_mib("tuned") < 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_untuned_glibc_keeps_it_which_is_what_the_tuning_is_for() -> None:
    # Shows the test above can tell: by default the second block stays in the thread's heap.
    assert _kept_mib("default") > 15
