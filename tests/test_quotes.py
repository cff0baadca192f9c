import time

from conftest import PROJECT_ROOT

from landscape.quotes import Article


def test_typography_is_folded_but_words_are_not():
    article = Article.of("Putin\u2019s \u201croot causes\u201d \u2014 and\u00a0more   text")
    assert article.locate('Putin\'s "root causes" - and more text') == (0, len(article.text))
    assert article.locate("Putin's root causes") is None


def test_words_run_together_in_the_source_still_match():
    article = Article.of("its most effective forces.The only way Trump can remedy")
    start, end = article.locate("forces. The only way")
    assert article.text[start:end] == "forces.The only way"


def test_span_points_into_the_original_text():
    text = "First line.\n\nSecond\u00a0line with \u201cquotes\u201d here."
    article = Article.of(text)
    start, end = article.locate('line with "quotes"')
    assert text[start:end] == "line with \u201cquotes\u201d"


def test_closest_passage_offers_the_likely_intended_words():
    article = Article.of("Russia now has an undeniable military edge. It benefits from a 3–1 manpower advantage.")
    assert article.closest_passage("Russia now has an undeniable militray edge") == "Russia now has an undeniable military edge."


def test_a_quote_starts_and_ends_on_word_boundaries():
    article = Article.of("In other words, the rule is there.")
    assert article.locate("the") == (16, 19)  # not the "the" inside "other"
    assert article.occurrences("the") == 1
    assert article.locate("her words") is None and article.locate("rule is t") is None


def test_folding_never_splits_or_joins_words():
    article = Article.of("Zelensky maybe willing to meet")
    assert article.locate("Zelen sky maybe willing") is None
    assert article.locate("Zelensky maybewilling") is None
    assert article.found_by_joining_or_splitting_words("Zelen sky maybe willing")
    assert article.locate("Zelensky\u00a0maybe  willing") == (0, 22)


def test_a_space_may_differ_next_to_punctuation():
    article = Article.of("the U. S. position and forces.The end")
    assert article.locate("the U.S. position") is not None
    assert article.locate("forces. The end") is not None


def test_occurrences_count_repeats_up_to_the_limit():
    article = Article.of("the cat, the dog, the bird")
    assert article.occurrences("the") == 2
    assert article.occurrences("the", limit=5) == 3
    assert article.occurrences("the dog") == 1


def test_closest_passage_to_a_long_mistyped_quote_is_fast():
    text = (PROJECT_ROOT / "seeds" / "004_9187dabedd4c7509.txt").read_text(encoding="utf-8")
    passage = " ".join(text[3000:4600].split()[1:-1])
    typo = passage.replace("e", "a", 12)[:1500]
    article = Article.of(text)
    assert article.locate(typo) is None
    started = time.perf_counter()
    guess = article.closest_passage(typo)
    assert time.perf_counter() - started < 0.5  # difflib's window search took 0.15-0.6 s here, far more for 1,500 characters
    assert guess is not None and guess[:200] in " ".join(passage.split())
