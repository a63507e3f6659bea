"""Reading level of content text: a dependency-free Flesch–Kincaid grade.

Why our own: textstat looks words up in the CMU dictionary, which it downloads from the internet with NLTK
on first use; that fails offline (CI, a locked-down school server). The syllable counter here is a plain
English heuristic: vowel groups, a silent final e, consonant + "le"/"re" kept, -ed/-es endings, a few vowel
pairs that are two syllables (di-a, so-di-um, di-et), common suffixes, and at least one per word. Checked
against textstat with its offline pyphen counter (tests/unit/notebooks/test_readability.py): on every page ours
is 0.4 to 1.3 grades higher, because pyphen undercounts long words ("medicines" → 1 syllable), so ours is
the stricter of the two.

    grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59

`sentences()` turns content Markdown into the plain sentences a reader sees: glossary marks become their
words, Markdown symbols go, and every heading and list item counts as a sentence of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legcramps.markup import plain

_VOWELS = "aeiouy"
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs that are two syllables: di-a-ly-sis, so-di-um, u-su-al, di-et, pe-ri-od (not -tion, -cial).
_SPLITS = (
    (re.compile(r"(?<![cgt])i(?=a)"), "i-"),
    (re.compile(r"(?<![cgstx])i(?=o)"), "i-"),
    (re.compile(r"i(?=u)"), "i-"),
    (re.compile(r"i(?=et)"), "i-"),
    (re.compile(r"(?<![qg])u(?=a)"), "u-"),
)
# Suffixes counted on their own after the stem, so the stem's silent e stays silent: safe-ly, move-ment.
_SUFFIXES = (("fully", 2), ("ments", 1), ("ment", 1), ("ness", 1), ("less", 1), ("ful", 1), ("ly", 1))
_ABBREVIATIONS = {"e.g.": "eg", "i.e.": "ie", "et al.": "et al", "etc.": "etc", "vs.": "vs", "Dr.": "Dr",
                  "Mr.": "Mr", "Mrs.": "Mrs", "Ms.": "Ms", "St.": "St", "approx.": "approx", "No.": "No"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(—-]?\s?[A-ZА-ЯЁ0-9])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _is_vowel(ch: str) -> bool:
    return ch in _VOWELS


def syllables(word: str) -> int:
    """Estimated syllables in one English word (at least 1; a number counts as 1)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    for suffix, count in _SUFFIXES:
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) > 2 and _VOWEL_GROUP.search(stem):
            return syllables(stem) + count
    if w[0] == "y" and len(w) > 1 and _is_vowel(w[1]):
        w = "j" + w[1:]  # "yes", "your": y is a consonant here
    spaced = w
    for pattern, repl in _SPLITS:
        spaced = pattern.sub(repl, spaced)
    count = sum(len(_VOWEL_GROUP.findall(part)) for part in spaced.split("-"))
    if count > 1:
        if w.endswith("e") and not _is_vowel(w[-2]):
            # silent final e (make, there), but consonant + le / re is a syllable (ta-ble, li-tre)
            if not (w[-2] in "lr" and len(w) > 2 and not _is_vowel(w[-3])):
                count -= 1
        elif w.endswith("ed") and not _is_vowel(w[-3]) and w[-3] not in "td":
            count -= 1  # walked, used; but want-ed, need-ed
        elif w.endswith("es") and not _is_vowel(w[-3]):
            keep = w[-3] in "sxzcg" or w.endswith(("ches", "shes"))
            keep = keep or (w[-3] in "lr" and len(w) > 3 and not _is_vowel(w[-4]))  # mus-cles, li-tres
            if not keep:
                count -= 1  # makes, times; but box-es, chang-es
    if w.endswith("ing") and len(w) > 4 and _is_vowel(w[-4]):
        count += 1  # be-ing, go-ing, say-ing
    return max(1, count)


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in re.findall(r"[A-Za-zА-Яа-яЁё0-9]+(?:['’-][A-Za-zА-Яа-яЁё0-9]+)*", text)]


_RUSSIAN_VOWELS = re.compile(r"[аеёиоуыэюя]")


def syllables_ru(word: str) -> int:
    """Syllables in one Russian word: exactly its vowels (at least 1; a number counts as 1)."""
    return max(1, len(_RUSSIAN_VOWELS.findall(word.lower())))


def _protect(text: str) -> str:
    for abbreviation, safe in _ABBREVIATIONS.items():
        text = text.replace(abbreviation, safe)
    return text


def _close(unit: str) -> str:
    unit = unit.strip()
    if not unit:
        return ""
    if unit[-1] in ":;,":
        unit = unit[:-1].rstrip()
    if unit and unit[-1] not in ".!?…":
        unit += "."
    return unit


def blocks(markdown_text: str) -> list[str]:
    """Markdown → text units: each heading, each list item and each paragraph, closed with a full stop."""
    units: list[str] = []
    paragraph: list[str] = []
    in_item = False

    def flush() -> None:
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for line in markdown_text.splitlines():
        if not line.strip():
            flush()
            in_item = False
        elif _HEADING.match(line) or _LIST_ITEM.match(line):
            flush()
            units.append(_LIST_ITEM.sub("", line).strip())
            in_item = bool(_LIST_ITEM.match(line))
        elif in_item and line.startswith((" ", "\t")):
            units[-1] += " " + line.strip()  # a list item wrapped onto the next line
        else:
            paragraph.append(line.strip())
    flush()
    out = []
    for unit in units:
        text = _LINK.sub(r"\1", plain(unit))
        text = re.sub(r"\s+", " ", text)
        closed = _close(text)
        if words(closed):
            out.append(closed)
    return out


def sentences(markdown_text: str) -> list[str]:
    """Content text (Markdown with glossary marks) → the plain sentences a reader sees."""
    out: list[str] = []
    for unit in blocks(markdown_text):
        for sentence in _SENTENCE_END.split(_protect(unit)):
            if words(sentence):
                out.append(sentence.strip())
    return out


@dataclass(frozen=True)
class Reading:
    words: int
    sentences: int
    syllables: int

    @property
    def ease_ru(self) -> float:
        """Flesch reading ease as adapted to Russian by Oborneva (2006): 206.835 − 1.3 × words a sentence −
        60.1 × syllables a word; 0–100, higher is easier (the constants re-fitted so the English bands hold for
        Russian, whose words are longer). 100 for empty text."""
        if not self.words or not self.sentences:
            return 100.0
        return 206.835 - 1.3 * self.words / self.sentences - 60.1 * self.syllables / self.words

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade level (US school grade); 0 for empty text."""
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def reading(markdown_text: str, lang: str = "en") -> Reading:
    """Words, sentences and syllables of content text, after `sentences()` (syllables counted for `lang`)."""
    found = sentences(markdown_text)
    all_words = [w for s in found for w in words(s)]
    count = syllables_ru if lang == "ru" else syllables
    return Reading(len(all_words), len(found), sum(count(w) for w in all_words))


def grade(markdown_text: str) -> float:
    """Flesch–Kincaid grade of content text (Markdown with glossary marks)."""
    return reading(markdown_text).grade


def hardest(markdown_text: str, limit: int = 5, lang: str = "en") -> list[tuple[float, str]]:
    """The sentences with the highest grade on their own (in Russian: the lowest ease), where to start when a
    text reads too hard."""
    if lang == "ru":
        scored = [(-reading(s, lang).ease_ru, s) for s in sentences(markdown_text)]
        return sorted(scored, reverse=True)[:limit]
    scored = [(reading(s).grade, s) for s in sentences(markdown_text)]
    return sorted(scored, reverse=True)[:limit]
