"""columns.in_order (issue 18): a mapping's values in people.csv order, its values as they are when its keys are the
ids in their order and by look-up otherwise; always what ``[mapping.get(pid, missing) for pid in ids]`` gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ciclope.core.columns import in_order

IDS = [f"P{k}" for k in range(8)]


def test_a_subsequence_in_order_by_hand():
    # P1 and P4 present, in order: the others are missing
    assert in_order(IDS, {"P1": "a", "P4": "b"}, None) == [None, "a", None, None, "b", None, None, None]
    assert in_order(IDS, {"P4": "b", "P1": "a"}, "-") == ["-", "a", "-", "-", "b", "-", "-", "-"]  # out of order
    assert in_order(IDS, {"P1": "a", "X": "z"}, 0) == [0, "a", 0, 0, 0, 0, 0, 0]  # a key outside the ids
    # the ids a part of the keys, in order (a graduatoria's staff among everyone's statuses)
    assert in_order(["P2", "P5"], {f"P{k}": k for k in range(8)}, None) == [2, 5]
    assert in_order(["P5", "P2"], {f"P{k}": k for k in range(8)}, None) == [5, 2]  # out of order: P2 looked up
    assert in_order(["P2", "Q", "P5"], {"P1": 1, "P2": 2, "P5": 5}, None) == [2, None, 5]  # neither
    assert in_order([], {"P1": 1}, None) == []
    assert in_order(IDS[:2], {}, None) == [None, None]
    # one key per id, in the same order (the scores): the values; a key in another place is looked up
    assert in_order(IDS[:3], {"P0": 0, "P1": 1, "P2": 2}, None) == [0, 1, 2]
    assert in_order(tuple(IDS[:3]), {"P0": 0, "P1": 1, "P2": 2}, None) == [0, 1, 2]
    assert in_order(tuple(IDS[:3]), {"P0": 0, "P2": 2, "P1": 1}, None) == [0, 1, 2]  # a tuple, a key out of place
    assert in_order(range(3), {0: "a", 1: "b", 2: "c"}, None) == ["a", "b", "c"]  # neither a list nor a tuple
    assert in_order(IDS[:3], {"P0": 0, "P2": 2, "P1": 1}, None) == [0, 1, 2]
    assert in_order(IDS[:3], {"P0": 0, "P1": 1, "X": 9}, None) == [0, 1, None]


ALL = IDS + ["X", "Y"]


@given(
    st.lists(st.sampled_from(ALL), unique=True),
    st.lists(st.sampled_from(ALL), unique=True),
    st.booleans(),
    st.sampled_from([list, tuple]),
)
def test_in_order_is_the_lookup_list(keys, ids, keep_order, kind):
    """Keys and ids drawn from the same people (and two outsiders), the keys in the ids' order, in the people's
    or in the drawn one, the ids a list or a tuple (Ente.ids): the same list as a look-up per id; equal strings
    that are other objects are found too."""
    if keep_order:
        keys = sorted(keys, key=ALL.index)
        ids = sorted(ids, key=ALL.index)
    mapping = {"".join(list(k)): n for n, k in enumerate(keys)}  # equal text, another object
    assert in_order(kind(ids), mapping, None) == [mapping.get(pid) for pid in ids]
