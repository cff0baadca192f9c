"""landscape/coverage.py and `python -m landscape coverage`: every sentence naming a party is cited or reviewed."""

from __future__ import annotations

import pytest
from builders import add_party, base, citation, load, write
from conftest import real_data

from landscape.__main__ import main
from landscape.coverage import audit, parties_named, split_sentences
from landscape.load import load_dataset

INDIA_SENTENCE = "Trump has threatened Russia with more direct sanctions and promised to put secondary sanctions on countries like India"
DP_FILE = "001_3d8f25a0667e7c1c.txt"


def india_only() -> dict:
    """The small data set with its one party renamed India: the dp article names India in one sentence only (line 13)."""
    data = base()
    data["parties"][0].update(id="india", name="India")
    data["positions"][0]["party"] = "india"
    data["events"][0]["parties"] = ["india"]
    return data


def test_sentences_do_not_break_after_abbreviations():
    text = "The U.S. said no to Mr. Putin. Then Kyiv waited.\nA second paragraph."
    sentences = [text[start:end] for _line, start, end in split_sentences(text)]
    assert sentences == ["The U.S. said no to Mr. Putin.", "Then Kyiv waited.", "A second paragraph."]
    assert [line for line, _start, _end in split_sentences(text)] == [1, 1, 2]


def test_a_party_is_named_by_its_name_speakers_and_aliases(tmp_path):
    data = load(tmp_path, base()).landscape  # party russia, no speakers: found by its name and ALIASES
    assert parties_named("The Kremlin said so.", data) == ("russia",)
    assert parties_named("Russians and Moscow", data) == ("russia",)
    assert parties_named("Prussia is not Russia's neighbour here", data) == ("russia",)  # "Russia's", not "Prussia"
    assert parties_named("Prussia alone", data) == ()
    assert parties_named("Nobody at all", data) == ()


def test_strict_fails_on_a_planted_uncited_party_sentence_naming_its_article_and_line(tmp_path, capsys):
    path = write(tmp_path, india_only())
    assert main(["coverage", str(path), "--strict"]) == 1
    out = capsys.readouterr().out
    unaccounted = [line for line in out.splitlines() if "unaccounted (" in line]
    assert len(unaccounted) == 1
    assert unaccounted[0].startswith(f"seeds/{DP_FILE}:13: unaccounted (dp; names india): {INDIA_SENTENCE}")
    assert main(["coverage", str(path)]) == 0  # without --strict the audit only reports


def test_a_reviewed_entry_accounts_for_the_sentence(tmp_path, capsys):
    data = india_only()
    data["reviewed"] = [{"source": "dp", "sentence": "Trump has threatened Russia with", "reason": "background"}]
    path = write(tmp_path, data)
    assert main(["coverage", str(path), "--strict"]) == 0
    result = audit(load_dataset(path))
    (source,) = result.sources
    assert (source.named, source.count("cited"), source.count("reviewed"), source.count("unaccounted")) == (1, 0, 1, 0)


def test_a_citation_accounts_for_the_sentence(tmp_path):
    data = india_only()
    data["positions"][0]["citations"].append(citation(INDIA_SENTENCE))
    (source,) = audit(load(tmp_path, data)).sources
    (account,) = source.accounts
    assert account.status == "cited" and account.cited_by == (("position", "p1"),)


def test_a_quote_running_a_few_words_into_a_sentence_does_not_cite_it(tmp_path):
    data = india_only()
    # runs two words into the India sentence, from the paragraph before: the India sentence is not cited by it
    data["positions"][0]["citations"].append(citation("will provide only limited quantities of new weaponry. Trump has"))
    result = audit(load(tmp_path, data))
    assert [account.sentence.line for account in result.unaccounted] == [13]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"source": "dp", "sentence": "No sentence begins like this", "reason": "author"}, "begins no sentence naming a party"),
        ({"source": "dp", "sentence": "Trump has threatened Russia", "reason": "same_claim", "position": "p1"}, None),
    ],
)
def test_a_stale_reviewed_entry_is_a_problem(tmp_path, entry, message):
    data = india_only()
    data["reviewed"] = [entry]
    result = audit(load(tmp_path, data))
    if message is None:
        assert result.complete
    else:
        assert len(result.problems) == 1 and message in result.problems[0] and not result.complete


def test_an_entry_matching_two_different_sentences_is_a_problem(tmp_path):
    data = base()
    add_party(data, "usa", "United States")  # Trump: three sentences (lines 15, 23, 23) begin "Trump should"
    data["reviewed"] = [{"source": "dp", "sentence": "Trump should", "reason": "author"}]
    result = audit(load(tmp_path, data))
    assert any("begins 3 sentences (lines 15, 23, 23): quote more words" in problem for problem in result.problems)


def test_same_claim_needs_a_known_position(tmp_path):
    from landscape.yamlfile import DataFileError

    data = india_only()
    data["reviewed"] = [{"source": "dp", "sentence": "Trump has threatened Russia", "reason": "same_claim"}]
    with pytest.raises(DataFileError, match="same_claim needs `position:`"):
        load(tmp_path, data)
    data["reviewed"] = [{"source": "dp", "sentence": "Trump has threatened Russia", "reason": "same_claim", "position": "p9"}]
    with pytest.raises(DataFileError, match="unknown position 'p9'"):
        load(tmp_path, data)


def test_the_real_data_is_fully_accounted_for(capsys):
    assert main(["coverage", "--strict"]) == 0
    result = audit(real_data())
    assert len(result.sources) == 5 and all(source.named > 20 for source in result.sources)
