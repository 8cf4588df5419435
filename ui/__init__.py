"""Streamlit helpers shared by the pages: session wiring, forms from the schema, German messages."""
