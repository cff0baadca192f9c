"""Developer tools kept outside the shipped `landscape` package: benchmark, load test, and the shared server helper.

They drive the real app in headless Chromium (playwright, a test dependency): run them from the
repository's folder, e.g. `.venv/bin/python -m tools.bench --scales 1 100 --repeats 3`.
"""
