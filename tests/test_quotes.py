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


def test_the_closest_passage_to_a_long_mistyped_quote_is_found():
    text = (PROJECT_ROOT / "seeds" / "004_9187dabedd4c7509.txt").read_text(encoding="utf-8")
    passage = " ".join(text[3000:4600].split()[1:-1])
    typo = passage.replace("e", "a", 12)[:1500]
    article = Article.of(text)
    assert article.locate(typo) is None
    guess = article.closest_passage(typo)  # how long it takes: tools/bench.py, "did you mean"
    assert guess is not None and guess[:200] in " ".join(passage.split())


def test_a_verbatim_quote_is_located_at_its_first_whole_word_occurrence():
    article = Article.of("the cats, the cat, the cat")
    assert article.locate("the cat") == (10, 17)
    assert Article.of("the cat. the cat.").locate("the cat") == (0, 7)


def test_a_quote_copied_with_the_articles_typography_is_highlighted_where_it_stands_so():
    """An earlier passage with other typography is the same words, but the one copied character for character is the one meant."""
    text = "Putin\u2019s plan, he said. Putin's plan, she said."
    assert Article.of(text).locate("Putin's plan") == (text.index("Putin's"), text.index("Putin's") + len("Putin's plan"))


def test_a_quote_found_only_inside_longer_words_is_not_found():
    """Verbatim or with other typography (a non-breaking space sends it past the verbatim search)."""
    for text, quote in [
        ("Another one", "nother one"),
        ("an xthe cat", "the cat"),
        ("the cats", "the cat"),
        ("THAI, too", "I, too"),
        ("I, tool", "I, too"),
    ]:
        assert Article.of(text).locate(quote) is None, (text, quote)
        assert Article.of(text.replace(" ", "\u00a0")).locate(quote) is None, (text, quote)


def test_a_quote_that_ends_the_article_is_found():
    text = "one, another one"
    assert Article.of(text).locate("another one") == (5, len(text))
    assert Article.of(text).locate("one, another") == (0, 12)


def test_punctuation_may_touch_the_next_or_previous_word_where_the_source_runs_them_together():
    text = "Putin\u2019s forces.The end of a 3\u20131 edge and the war(which began)"
    article = Article.of(text)
    start, end = article.locate("Putin's forces.")  # typography differs, so this goes past the verbatim search
    assert text[start:end] == "Putin\u2019s forces."
    start, end = article.locate("-1 edge")
    assert text[start:end] == "\u20131 edge"
    start, end = article.locate("the war (which began")
    assert text[start:end] == "the war(which began"


def test_a_quote_in_quotation_marks_is_highlighted_without_the_space_before_it():
    text = "He said \u201cHello.\u201d Then he left."
    start, end = Article.of(text).locate('"Hello."')
    assert text[start:end] == "\u201cHello.\u201d"


def test_a_blank_quote_is_found_nowhere():
    article = Article.of("Some text here.")
    assert article.locate("   ") is None
    assert article.occurrences("   ") == 0


def test_a_quote_with_nothing_like_it_in_the_article_gets_no_suggestion():
    article = Article.of("Russia now has an undeniable military edge. It benefits from a 3\u20131 manpower advantage.")
    assert article.closest_passage("zqxj vwkp ffff") is None


def test_a_mistyped_quote_longer_than_the_article_is_offered_the_whole_article():
    assert Article.of("A truce holds.").closest_passage("A truce holds now, sir.") == "A truce holds."


def test_a_suggestion_matching_only_inside_a_longer_word_is_withheld():
    assert Article.of("Elephants").closest_passage("ant") is None


def test_a_suggestion_keeps_a_cut_word_when_most_of_it_is_inside_and_drops_it_otherwise():
    from landscape.quotes import _whole_words

    text = "alpha bravo charlie delta"
    assert text[slice(*_whole_words(text, 7, 17))] == "bravo charlie"  # "b" and "ie" cut off: both words kept
    assert text[slice(*_whole_words(text, 10, 22))] == "charlie"  # "o" of bravo and "de" of delta inside: both dropped
    assert text[slice(*_whole_words(text, 13, 25))] == "charlie delta"
    assert text[slice(*_whole_words(text, 2, 24))] == text  # the first and last words, mostly inside
    even = "abcd efgh ijkl mnop"
    assert even[slice(*_whole_words(even, 7, 12))] == "efgh ijkl"  # half a word inside counts as most of it
    start, end = _whole_words("abcd efgh", 8, 9)
    assert start >= end  # only the tail of the last word: nothing whole to offer
