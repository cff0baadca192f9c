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
    assert names == {
        "datapackage.json",
        *(f"{table}.csv" for table in ("sources", "parties", "issues", "positions", "citations", "events", "cells", "figures", "state_of_play", "conditions")),
    }


def test_every_file_of_the_zip_unpacks_readable_by_all(real_dataset):
    import io
    import zipfile

    for info in zipfile.ZipFile(io.BytesIO(package_zip(real_dataset))).infolist():
        mode = info.external_attr >> 16
        assert mode & 0o444 == 0o444, (info.filename, oct(mode))


LIST_FIELDS = (
    {"parties": "parties", "issues": "issues", "sources": "sources", "positions": "positions", "rejecting_positions": "positions"}
    | {field: "positions" for field in ("contradicts", "distinct_from")}
    | {field: "parties" for field in ("accepting", "opposing", "conditional", "unclear", "silent", "rejected_by")}
)


def test_every_list_field_joins_ids_as_its_own_schema_says(real_dataset):
    """A field whose schema says "ids separated by ';'" holds exactly that: each part an id of its table, no comma."""
    import io
    import json

    files = package_files(real_dataset)
    resources = {resource["name"]: resource for resource in json.loads(files["datapackage.json"])["resources"]}
    ids = {name: {row["id"] for row in csv.DictReader(io.StringIO(files[f"{name}.csv"]))} for name in LIST_FIELDS.values()}
    checked = several = 0
    for name, resource in resources.items():
        for field in resource["schema"]["fields"]:
            if "separated by ';'" not in field.get("description", ""):
                continue
            for row in csv.DictReader(io.StringIO(files[f"{name}.csv"])):
                parts = row[field["name"]].split(";") if row[field["name"]] else []
                assert all(part in ids[LIST_FIELDS[field["name"]]] for part in parts), (name, field["name"], row[field["name"]])
                checked += 1
                several += len(parts) > 1
    assert checked and several  # a multi-valued cell exists: a wrong separator would show


def test_the_package_carries_the_version_and_its_changelog(real_dataset):
    import json

    descriptor = json.loads(package_files(real_dataset)["datapackage.json"])
    assert descriptor["version"] == str(real_dataset.landscape.updated)
    assert descriptor["changelog"] == list(real_dataset.landscape.changelog) != []
