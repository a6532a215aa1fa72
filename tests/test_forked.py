"""Work shared with a forked copy of the process (the 退回 letters, a small job's readers): the
answers come back in order, what the child raises is raised here, a child that dies costs only
its share, which is then done here."""

import os

import pytest

from qstat.forked import ChildDied, Forked, in_two

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system (Windows)")


def doubled_with_pid(items: list[int]) -> list[tuple[int, int]]:
    return [(2 * i, os.getpid()) for i in items]


def test_in_two_answers_in_item_order_with_every_other_item_done_by_a_child():
    """Items 1..5: the parent doubles 1, 3, 5 and a child 2, 4; the answers are 2, 4, 6, 8, 10."""
    answers = in_two(doubled_with_pid, [1, 2, 3, 4, 5])
    assert [a for a, _ in answers] == [2, 4, 6, 8, 10]
    assert {pid for _, pid in answers[0::2]} == {os.getpid()}
    assert {pid for _, pid in answers[1::2]} != {os.getpid()}


def test_in_two_with_a_single_item_leaves_the_child_nothing():
    assert [a for a, _ in in_two(doubled_with_pid, [7])] == [14]


def refusing_four(items: list[int]) -> list[int]:
    if 4 in items:
        raise ValueError("四不行")
    return items


def test_what_the_childs_share_raises_is_raised_here():
    """4 is the second item: the child's share."""
    with pytest.raises(ValueError, match="四不行"):
        in_two(refusing_four, [3, 4, 5])


def test_what_this_processs_share_raises_is_raised_after_the_child_is_waited_for():
    """4 is the first item: this process's share; the child (5) is not left running."""
    with pytest.raises(ValueError, match="四不行"):
        in_two(refusing_four, [4, 5])


def dying_in_a_child(parent: int):
    def work(items: list[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # as a native abort or the OOM killer would end it: no answer
        return [i + 1 for i in items]

    return work


def test_a_child_that_dies_is_child_died():
    with pytest.raises(ChildDied):
        Forked(dying_in_a_child(os.getpid()), [1]).result()


def test_the_share_of_a_child_that_died_is_done_here():
    """The child dies before answering for 20 and 40; this process adds one to each after all."""
    assert in_two(dying_in_a_child(os.getpid()), [10, 20, 30, 40]) == [11, 21, 31, 41]
