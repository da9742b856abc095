"""Random damage to the bundled guide (lines cut, repeated, swapped or mangled, text cut
short, stray characters) either loads, all the way to RDF, or is refused with a
GuideError saying where: never another exception."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopkg.data import DEFAULT_GUIDE
from coopkg.errors import GuideError
from coopkg.loaders.guide import load_guide
from coopkg.loaders.rdf import guide_graph

LINES = DEFAULT_GUIDE.read_text("utf-8").splitlines()
_NOISE = st.text(alphabet=st.sampled_from(
    [*"0123456789.、：:（）()“”年月项目领域方向合作协议\t ", "\x00", "\u3000", "\ufeff", "—"]),
    max_size=30)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["cut", "repeat", "swap", "mangle", "insert", "truncate"]))
        if kind == "cut":
            del lines[i:i + draw(st.integers(1, 40))]
        elif kind == "repeat":
            lines[i:i] = lines[i:i + draw(st.integers(1, 10))]
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "mangle":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(_NOISE) + line[at + draw(st.integers(0, 5)):]
        elif kind == "insert":
            lines.insert(i, draw(_NOISE))
        else:
            lines = lines[:i]
        if not lines:
            break
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_guides_load_or_say_why(text: str) -> None:
    try:
        result = load_guide(text, source="damaged.txt")
    except GuideError as e:
        assert str(e) and "Traceback" not in str(e)
        return
    guide_graph(result.guide)  # what loads also converts


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="replace")))
def test_any_text_loads_or_says_why(text: str) -> None:
    with contextlib.suppress(GuideError):
        load_guide(text, source="random.txt")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_guides_keep_going_or_say_why(text: str) -> None:
    """With keep_going, what loads leaves out exactly the directions with errors, and every
    finding is said in both languages."""
    try:
        result = load_guide(text, source="damaged.txt", keep_going=True)
    except GuideError as e:
        assert e.message("zh") and e.message("en")
        return
    broken = {(d.code, d.line) for d in result.left_out}
    assert not broken & {(d.code, d.line) for d in result.guide.directions}
    assert {(n.direction, n.level) for n in result.errors} <= {
        (d.code, "error") for d in result.left_out}
    for n in result.notices:
        assert n.render("zh") and n.render("en")
    guide_graph(result.guide)
