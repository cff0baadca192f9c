"""landscape.package: a Frictionless data package that the frictionless library validates, keys included."""

from __future__ import annotations

import csv

from conftest import real_data
from frictionless import Package

from landscape.__main__ import main
from landscape.package import package_files, package_zip


def validate(folder):
    return Package(str(folder / "datapackage.json")).validate()


def test_the_package_of_the_real_data_validates(tmp_path):
    assert main(["package", "--out", str(tmp_path)]) == 0
    report = validate(tmp_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (tmp_path / "positions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(real_data().landscape.positions)


def test_a_broken_foreign_key_is_caught_by_the_validator(tmp_path, real_dataset):
    for name, text in package_files(real_dataset).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    positions = (tmp_path / "positions.csv").read_text(encoding="utf-8")
    (tmp_path / "positions.csv").write_text(positions.replace(",russia,", ",moscow,", 1), encoding="utf-8")
    report = validate(tmp_path)
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_every_table_is_in_the_zip_download(real_dataset):
    import io
    import zipfile

    names = set(zipfile.ZipFile(io.BytesIO(package_zip(real_dataset))).namelist())
    assert names == {"datapackage.json", *(f"{table}.csv" for table in
                     ("sources", "parties", "issues", "positions", "citations", "events", "cells", "figures"))}
