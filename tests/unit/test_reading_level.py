"""The dependency-free Flesch–Kincaid grade in legcramps.readability."""

from __future__ import annotations

import pytest

from legcramps.readability import blocks, grade, reading, sentences, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("the", 1), ("table", 2), ("muscle", 2), ("muscles", 2), ("walked", 1), ("wanted", 2),
    ("makes", 1), ("boxes", 2), ("changes", 2), ("calcium", 3), ("sodium", 3), ("potassium", 4),
    ("dialysis", 4), ("idiopathic", 5), ("electrolyte", 4), ("claudication", 4), ("varicose", 3),
    ("diuretic", 4), ("being", 2), ("safely", 2), ("movement", 2), ("litre", 2), ("litres", 2), ("yes", 1),
    ("shoes", 1), ("diet", 2), ("medicine", 3), ("people", 2), ("warm-up", 2), ("10", 1), ("GP", 1),
])
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


def test_grade_of_known_sentences():
    # 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45, abs=0.01)
    # short sentences and short words: a low grade
    text = "Stretch your calf before bed. It may make cramps milder, but the evidence is weak."
    found = reading(text)
    assert (found.words, found.sentences) == (15, 2)
    hard = ("Pharmacological interventions for idiopathic nocturnal leg cramps demonstrate "
            "considerable heterogeneity regarding methodological quality.")
    assert grade(hard) > 16
    assert grade(text) < 6


def test_markdown_headings_and_list_items_are_sentences():
    text = ("## What helps\n\n- Stretch the [[calf]]: pull your toes up\n- Walk about\n\n"
            "A cramp, e.g. in the [[calves|calf]], lasts 1.5 minutes. It hurts! Does it pass? **Yes.**\n\n"
            "1. One cause\n2. [A link](https://example.org) here\n")
    assert sentences(text) == [
        "What helps.", "Stretch the calf: pull your toes up.", "Walk about.", "A cramp, eg in the calves, lasts "
        "1.5 minutes.", "It hurts!", "Does it pass?", "Yes.", "One cause.", "A link here.",
    ]
    assert blocks("Line one\nstill line one.\n\nTwo:") == ["Line one still line one.", "Two."]


def test_empty_text_has_grade_zero():
    assert grade("") == 0.0
    assert reading("## \n\n- \n").words == 0


@pytest.mark.parametrize(("word", "count"), [("кот", 1), ("молоко", 3), ("судорога", 4), ("ёж", 1),
                                             ("икроножная", 5), ("103", 1)])
def test_russian_syllables_are_the_vowels(word, count):
    from legcramps.readability import syllables_ru

    assert syllables_ru(word) == count


def test_russian_reading_ease_oborneva():
    easy = "Кот спит. Мама дома. Мы едим суп."
    found = reading(easy, "ru")
    assert (found.words, found.sentences, found.syllables) == (7, 3, 10)
    assert found.ease_ru == pytest.approx(206.835 - 1.3 * 7 / 3 - 60.1 * 10 / 7)
    hard = ("Фармакологические вмешательства при идиопатических ночных судорогах характеризуются "
            "значительной методологической неоднородностью исследований.")
    assert reading(hard, "ru").ease_ru < 0 < reading(easy, "ru").ease_ru
    assert sentences("Судорога проходит. Помогает растяжка!") == ["Судорога проходит.", "Помогает растяжка!"]
