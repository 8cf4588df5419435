"""KIM casebook: the core of the case-management app, free of Streamlit."""
