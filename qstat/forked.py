"""Work done in a forked copy of this process (where processes fork: not on Windows).

A forked child starts with everything this process has loaded and computed, so it costs about
a millisecond, not a fresh interpreter's start and imports; what it returns (or raises) comes
back pickled through a pipe. A child that dies without answering (a native abort, the OOM
killer) is ChildDied, so that only its own work is lost.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ChildDied(Exception):
    """The forked child ended without sending back what its work returned or raised."""


class Forked(Generic[T]):
    """``work(*args)`` running in a child forked now; ``result()`` waits for it."""

    def __init__(self, work: Callable[..., T], *args: Any) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns, never runs the parent's exit handlers
            # A native abort is the child's answer (ChildDied), not a crash to dump a traceback for.
            faulthandler.disable()
            os.close(read_end)
            code = 1
            try:
                with os.fdopen(write_end, "wb") as out:
                    try:
                        answer: tuple[bool, object] = (True, work(*args))
                    except Exception as e:  # raised again in the parent
                        answer = (False, e)
                    pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")

    def result(self) -> T:
        """What the work returned; what it raised is raised here; ChildDied if it died."""
        with self.pipe:
            data = self.pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            raise ChildDied(f"子进程 {self.pid} 异常退出（状态 {status}）")
        done, value = pickle.loads(data)
        if not done:
            raise value
        return value


def in_two(work: Callable[[list[T]], list[R]], items: list[T]) -> list[R]:
    """``work(items)`` on two cores: every other item in a forked copy of this process meanwhile
    (its share done here after all if it dies). ``work`` gives one answer per item, in order."""
    child = Forked(work, items[1::2])
    try:
        ours = work(items[0::2])
    except BaseException:
        with contextlib.suppress(Exception):  # waited for, whatever it did: nothing left running
            child.result()
        raise
    try:
        theirs = child.result()
    except ChildDied:
        theirs = work(items[1::2])
    answers = ours + theirs
    answers[0::2], answers[1::2] = ours, theirs
    return answers
