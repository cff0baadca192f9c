"""landscape.__main__: the command line, called in-process through main(argv)."""

from __future__ import annotations

import pytest

from landscape.__main__ import main


def test_validate_says_valid_with_counts_or_lists_every_located_problem(write_yaml, small_yaml, capsys):
    assert main(["validate", str(write_yaml(small_yaml))]) == 0
    assert "valid. 1 sources, 1 parties, 1 issues, 1 positions" in capsys.readouterr().out
    broken = write_yaml(small_yaml.replace("stance: opposes", "stance: maybe").replace("    party: russia", "    party: x"))
    assert main(["validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count(f"{broken}:") == 2 and err.rstrip().endswith("2 problems found.")


def test_codebook_prints_one_row_per_issue(write_yaml, small_yaml, capsys):
    assert main(["codebook", str(write_yaml(small_yaml))]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| economic |")]
    assert rows == [
        "| economic | **New sanctions** (`sanctions`) | The United States imposes new sanctions on Russia. | The party wants it done. "
        "| The party rejects it. | Everything about this proposition. |"
    ]


def test_a_date_that_is_not_a_day_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as refused:
        main(["export", "--as-of", "2025-08"])
    assert refused.value.code == 2
    assert "not a date: write YYYY-MM-DD" in capsys.readouterr().err


def test_the_benchmark_and_load_test_are_not_commands_of_the_shipped_package(capsys):
    with pytest.raises(SystemExit):
        main(["bench"])
    assert "invalid choice" in capsys.readouterr().err
