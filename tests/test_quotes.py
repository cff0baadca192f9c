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
