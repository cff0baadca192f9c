"""Each page's own Streamlit pieces, one module per page of pages/ (what two or more pages draw is in landscape.widgets)."""
