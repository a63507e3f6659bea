"""The plain-text fast path of the Markdown renderer gives exactly what markdown-it + nh3 give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legcramps import markup


def test_every_content_text_renders_the_same_with_and_without_the_fast_path(content):
    texts = list(dict.fromkeys((p.render, p.text) for p in content.passages() if p.render != "plain"))
    fast = [(k, t) for k, t in texts if markup._PLAIN.fullmatch(t) and t == t.strip() and t]
    assert len(fast) > len(texts) / 2, "the fast path should cover most content sentences"
    for kind, text in texts:
        assert markup._render(kind, text, content) == markup._render_markdown(kind, text, content), (kind, text)


# Letters, digits, spaces and every character Markdown or HTML give a meaning, so generated texts hit both paths.
ALPHABET = st.sampled_from(list("abcXYZ019 .,;:?'%/()-+–—’é\u00a0\t\n\\`*_[]<>&#!~|{}=\""))


@settings(max_examples=400, deadline=None)
@given(text=st.text(ALPHABET, min_size=1, max_size=40), kind=st.sampled_from(["block", "inline"]))
def test_any_text_renders_the_same_with_and_without_the_fast_path(content, text, kind):
    assert markup._render(kind, text, content) == markup._render_markdown(kind, text, content)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(["block", "inline"]))
def test_texts_with_glossary_marks_render_the_same_with_and_without_the_fast_path(content, data, kind):
    terms = [t.term for t in content.glossary.values()] if isinstance(content.glossary, dict) else \
        [t.term for t in content.glossary]
    term = data.draw(st.sampled_from(terms))
    shown = data.draw(st.text(ALPHABET, min_size=0, max_size=8))
    before = data.draw(st.text(ALPHABET, min_size=0, max_size=20))
    after = data.draw(st.text(ALPHABET, min_size=0, max_size=20))
    mark = f"[[{shown}|{term}]]" if shown else f"[[{term}]]"
    text = before + mark + after
    assert markup._render(kind, text, content) == markup._render_markdown(kind, text, content)
