"""landscape.plural: a counted word agrees with its count."""

from landscape.plural import plural


def test_a_count_of_one_takes_the_singular_and_any_other_the_plural():
    assert [plural(count, "source") for count in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
    assert plural(1_500, "position") == "1,500 positions"


def test_an_irregular_word_or_a_verb_alone_agrees_too():
    assert plural(1, "is", "are", number=False) == "is" and plural(3, "is", "are", number=False) == "are"
    assert plural(2, "falls", "fall", number=False) == "fall"
    assert plural(2, "entry", "entries") == "2 entries"
