"""python -m landscape synth: a scaled data set that validates."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT_ROOT, real_data

from landscape.load import load_dataset


def test_synthetic_data_set_validates_and_scales(tmp_path):
    out = tmp_path / "synth.yaml"
    result = subprocess.run([sys.executable, "-m", "landscape", "synth", "--scale", "4", "--out", str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    real = real_data().landscape
    synthetic = load_dataset(out).landscape
    assert len(synthetic.positions) == 4 * len(real.positions)
    assert len(synthetic.events) == 4 * len(real.events)
    assert len(synthetic.sources) == 4 * len(real.sources)
    assert len(synthetic.parties) == 2 * len(real.parties) and len(synthetic.issues) == 2 * len(real.issues)
    assert sum(1 for p in synthetic.positions if p.supersedes) == 4 * sum(1 for p in real.positions if p.supersedes)


def test_scale_one_reproduces_the_real_data(tmp_path):
    out = tmp_path / "one.yaml"
    subprocess.run([sys.executable, "-m", "landscape", "synth", "--scale", "1", "--out", str(out)], cwd=PROJECT_ROOT, check=True, capture_output=True)
    assert load_dataset(out).landscape == real_data().landscape
