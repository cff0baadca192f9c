"""Negotiation Landscape: the Streamlit entry point. Run: streamlit run dashboard.py"""

from landscape.navigation import run_app

run_app()
