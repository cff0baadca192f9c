"""Negotiation Landscape: the Streamlit entry point."""

import streamlit as st

from landscape.load import load_dataset
from landscape.yamlfile import DataFileError

st.set_page_config(page_title="Negotiation Landscape", layout="wide")
st.title("Negotiation Landscape")
try:
    dataset = load_dataset()
except DataFileError as error:
    st.error("The data file has problems:\n\n" + "\n".join(f"- {problem}" for problem in error.problems))
    st.stop()
data = dataset.landscape
st.write(f"{len(data.positions)} positions of {len(data.parties)} parties on {len(data.issues)} issues.")
st.dataframe([{"party": p.party, "issue": p.issue, "stance": p.stance.value, "summary": p.summary} for p in data.positions])
