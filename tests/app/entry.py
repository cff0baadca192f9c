"""The app's entry for AppTest: the same run_app() as dashboard.py, from a folder without pages/."""

from landscape.navigation import run_app

run_app()
