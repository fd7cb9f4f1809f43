"""Run independent calls on a few daemon threads and gather their results in order.

``concurrent.futures`` joins its worker threads when the interpreter exits, so a run stopped
with Ctrl-C would wait for every download in flight (hours, for weights). These workers are
daemon threads: an interrupted run ends at once and the next run resumes. The main thread waits
in short slices so that Ctrl-C reaches it promptly.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")
_SLICE = 0.2


class _Box(Generic[R]):
    def __init__(self) -> None:
        self.value: R | None = None
        self.error: BaseException | None = None


def in_parallel(call: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[call(item) for item in items]``, run on up to ``workers`` daemon threads.

    The first exception a call raises is raised here once every started call has ended.
    """
    if not items:
        return []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(items)):
        todo.put(index)
    boxes: list[_Box[R]] = [_Box() for _ in items]

    def work() -> None:
        while True:
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            try:
                boxes[index].value = call(items[index])
            except BaseException as exc:  # handed to the caller below
                boxes[index].error = exc

    threads = [
        threading.Thread(target=work, name="licheck-preserve", daemon=True)
        for _ in range(max(1, min(workers, len(items))))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(_SLICE)
    for box in boxes:
        if box.error is not None:
            raise box.error
    # Every box without an error holds its call's result (which may itself be None).
    return [cast(R, box.value) for box in boxes]
